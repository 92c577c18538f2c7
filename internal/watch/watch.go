// Package watch runs a function again whenever a deck or a file it uses
// changes: it watches their directories with fsnotify (so editors that
// save by rename or replace keep being seen), rebuilds at once when a file
// is put in place by rename or closed after writing (where the system
// reports that: Linux, FreeBSD), debounces other bursts of writes into one
// rebuild,
// re-adds the watch of a directory that was moved or removed once it is
// back, and ignores every other file, editor temporary and backup files
// included.
package watch

import (
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long a burst of file events must be quiet before a
// rebuild, where no write-close event says that a save is complete.
const Debounce = 30 * time.Millisecond

// ops are the events watched for: fsnotify's default ones, and a file
// opened for writing being closed, the end of an in-place save.
const ops = fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename | fsnotify.Chmod | fsnotify.UnportableCloseWrite

// Recheck is how often watched directories are checked for having been
// moved or removed (their watch then follows the old directory, or ends).
const Recheck = 250 * time.Millisecond

// Run calls rebuild once, then again after each change to the deck at
// path or to a file rebuild returned (its dependencies), until stop is
// closed. Errors of the watcher go to onError.
func Run(path string, stop <-chan struct{}, rebuild func() (deps []string), onError func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// watched holds each watched directory as it was when added: a
	// directory whose path no longer leads to it was moved or removed.
	watched := map[string]os.FileInfo{}
	files := map[string]bool{}
	add := func(dir string, report bool) {
		fi, err := os.Stat(dir)
		if err == nil {
			// Where write-close events are not reported, AddWith fails
			// for asking: the default events (and Debounce) do.
			if w.AddWith(dir, fsnotify.WithOps(ops)) != nil {
				err = w.Add(dir)
			}
		}
		if err == nil {
			watched[dir] = fi
		} else if report && onError != nil {
			onError(err)
		}
	}
	run := func() {
		deps := rebuild()
		files = map[string]bool{abs: true}
		for _, d := range deps {
			if a, err := filepath.Abs(d); err == nil {
				files[a] = true
			}
		}
		for f := range files {
			if dir := filepath.Dir(f); watched[dir] == nil {
				add(dir, true)
			}
		}
	}
	run()
	var timer *time.Timer
	var fire <-chan time.Time
	soon := func(d time.Duration) {
		if timer == nil {
			timer = time.NewTimer(d)
		} else {
			timer.Stop()
			timer.Reset(d)
		}
		fire = timer.C
	}
	recheck := time.NewTicker(Recheck)
	defer recheck.Stop()
	for {
		select {
		case <-stop:
			return nil
		case <-recheck.C:
			// A moved or removed directory: its watch is dropped, and
			// added again (with a rebuild) once the path leads to a
			// directory again.
			moved := false
			for f := range files {
				dir := filepath.Dir(f)
				old := watched[dir]
				fi, err := os.Stat(dir)
				if old != nil && err == nil && os.SameFile(old, fi) {
					continue
				}
				if old != nil {
					w.Remove(dir)
					delete(watched, dir)
				}
				if err == nil {
					add(dir, false)
					moved = moved || watched[dir] != nil
				}
			}
			if moved {
				soon(0)
			}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			p, _ := filepath.Abs(ev.Name)
			if !files[p] {
				// Only the deck and the files it uses count: editor
				// temporary and backup files, and outputs, never do.
				continue
			}
			if ev.Has(fsnotify.UnportableCloseWrite) {
				// Written and closed: the save is complete.
				soon(0)
				continue
			}
			if ev.Has(fsnotify.Create) && fire == nil {
				// Put in place by rename or made whole: build at once;
				// the events that follow (or come during the build) make
				// one more build after a quiet Debounce.
				soon(0)
				continue
			}
			soon(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if onError != nil {
				onError(err)
			}
		case <-fire:
			fire = nil
			if _, err := os.Stat(abs); err != nil {
				continue // mid-save: removed, not yet replaced
			}
			run()
		}
	}
}
