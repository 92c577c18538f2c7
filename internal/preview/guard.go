package preview

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Options configure a Server.
type Options struct {
	// Date is the PDF date (SOURCE_DATE_EPOCH) or 0.
	Date int64
	// Addr is the address the server listens on, as the listener reports
	// it after binding ("127.0.0.1:43117"). A request's Host header must
	// be this address, localhost, 127.0.0.1 or [::1] with its port, or a
	// name in AllowHosts; anything else is answered 403. This stops DNS
	// rebinding: a hostile page whose name resolves to 127.0.0.1 still
	// sends its own name as Host. An empty Addr accepts no request.
	Addr string
	// AllowHosts are further names (or IP addresses) clients may use, with
	// any port: the machine's LAN name or address when Addr is not on the
	// loopback interface, or the name of a reverse proxy in front.
	AllowHosts []string
	// Limits bound what clients may hold; zero fields take the defaults.
	Limits Limits
}

// Limits bound the server's resources per connection and per stream.
type Limits struct {
	// MaxStreams bounds the open event streams in all; MaxStreamsPerClient
	// those of one client address.
	MaxStreams, MaxStreamsPerClient int
	// StreamWrite is how long one event may take to reach a client before
	// its stream is dropped; StreamLifetime ends every stream after that
	// long (the browser reconnects at once), so that a client that stops
	// reading cannot hold a slot for ever; Heartbeat is the interval of
	// the comments that find dead connections.
	StreamWrite, StreamLifetime, Heartbeat time.Duration
	// Write bounds the writing of every response but the event stream.
	Write time.Duration
	// ReadHeader, Read and Idle are the http.Server timeouts.
	ReadHeader, Read, Idle time.Duration
	// MaxHeaderBytes bounds a request's header; MaxBodyBytes its body.
	MaxHeaderBytes int
	MaxBodyBytes   int64
}

// Defaults for Limits.
var defaultLimits = Limits{
	MaxStreams:          MaxClients,
	MaxStreamsPerClient: 8,
	StreamWrite:         10 * time.Second,
	StreamLifetime:      10 * time.Minute,
	Heartbeat:           30 * time.Second,
	Write:               30 * time.Second,
	ReadHeader:          5 * time.Second,
	Read:                10 * time.Second,
	Idle:                60 * time.Second,
	MaxHeaderBytes:      16 << 10,
	MaxBodyBytes:        4 << 10,
}

// withDefaults fills the zero fields of l.
func (l Limits) withDefaults() Limits {
	d := defaultLimits
	pick := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	if l.MaxStreams <= 0 {
		l.MaxStreams = d.MaxStreams
	}
	if l.MaxStreamsPerClient <= 0 {
		l.MaxStreamsPerClient = d.MaxStreamsPerClient
	}
	pick(&l.StreamWrite, d.StreamWrite)
	pick(&l.StreamLifetime, d.StreamLifetime)
	pick(&l.Heartbeat, d.Heartbeat)
	pick(&l.Write, d.Write)
	pick(&l.ReadHeader, d.ReadHeader)
	pick(&l.Read, d.Read)
	pick(&l.Idle, d.Idle)
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = d.MaxHeaderBytes
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	return l
}

// HTTPServer returns an http.Server for the handler with the timeouts
// and header limit of the server's Limits. It has no WriteTimeout: the
// handler bounds the writing of each response itself, so that event
// streams can stay open.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.lim.ReadHeader,
		ReadTimeout:       s.lim.Read,
		IdleTimeout:       s.lim.Idle,
		MaxHeaderBytes:    s.lim.MaxHeaderBytes,
	}
}

// CheckAllowHost reports why name cannot be an --allow-host value.
func CheckAllowHost(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty host name")
	case strings.ContainsAny(name, "/ \t*"):
		return fmt.Errorf("%q is not a host name (no scheme, path or wildcard)", name)
	}
	if _, _, err := net.SplitHostPort(name); err == nil {
		return fmt.Errorf("%q: give the name without a port (any port is allowed)", name)
	}
	return nil
}

// hostAllowed reports whether a request's Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	host = strings.ToLower(host)
	if host == "" || s.addr == "" {
		return false
	}
	if host == s.addr {
		return true
	}
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, ""
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if port != "" && port == s.port && (name == "localhost" || name == "127.0.0.1" || name == "::1") {
		return true
	}
	for _, a := range s.allow {
		if name == a {
			return true
		}
	}
	return false
}

// guard answers, before any route: 403 to a Host header that does not
// name this server, 405 to methods other than GET and HEAD, 413 to a
// body over the limit. It sends no CORS headers, forbids framing and
// cross-origin embedding, and bounds the time a response may take to
// write (the event stream sets its own deadlines).
func (s *Server) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Cache-Control", "no-store")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Content-Security-Policy", "frame-ancestors 'none'")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("Referrer-Policy", "no-referrer")
		if !s.hostAllowed(r.Host) {
			http.Error(w, fmt.Sprintf("403 forbidden: host %q is not allowed; layerdeck serve answers only to its own address (start it with --allow-host NAME to allow another name)", r.Host), http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hd.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.ContentLength > s.lim.MaxBodyBytes {
			hd.Set("Connection", "close")
			http.Error(w, "413 request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.lim.MaxBodyBytes)
		if r.URL.Path != "/events" {
			http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.lim.Write))
		}
		h.ServeHTTP(w, r)
	})
}
