package cli

import "testing"

// TestCacheDirs: where newBuilder keeps layouts and compiled Graphviz.
func TestCacheDirs(t *testing.T) {
	for _, tc := range []struct {
		env             map[string]string
		layouts, native string
	}{
		{map[string]string{"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/layerdeck/graphviz", "/x/layerdeck/wazero"},
		{map[string]string{"HOME": "/h"}, "/h/.cache/layerdeck/graphviz", "/h/.cache/layerdeck/wazero"},
		{map[string]string{}, "", ""},
		{map[string]string{"LAYERDECK_CACHE": "off", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "", ""},
	} {
		b := newBuilder(Env{Getenv: func(k string) string { return tc.env[k] }})
		if b.CacheDir != tc.layouts || b.CompileCacheDir != tc.native {
			t.Errorf("%v: layouts in %q, compiled code in %q; want %q, %q", tc.env, b.CacheDir, b.CompileCacheDir, tc.layouts, tc.native)
		}
		b.Close()
	}
}
