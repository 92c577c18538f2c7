// Package watch runs a function again whenever a deck or a file it uses
// changes: it watches their directories with fsnotify (so editors that
// save by rename or replace keep being seen), debounces bursts of events,
// and ignores every other file, editor temporary and backup files included.
package watch

import (
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long a burst of file events must be quiet before a rebuild.
const Debounce = 30 * time.Millisecond

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
	watched := map[string]bool{} // directories
	files := map[string]bool{}
	run := func() {
		deps := rebuild()
		files = map[string]bool{abs: true}
		for _, d := range deps {
			if a, err := filepath.Abs(d); err == nil {
				files[a] = true
			}
		}
		for f := range files {
			dir := filepath.Dir(f)
			if !watched[dir] {
				if err := w.Add(dir); err == nil {
					watched[dir] = true
				} else if onError != nil {
					onError(err)
				}
			}
		}
	}
	run()
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-stop:
			return nil
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
			if timer == nil {
				timer = time.NewTimer(Debounce)
			} else {
				timer.Reset(Debounce)
			}
			fire = timer.C
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
