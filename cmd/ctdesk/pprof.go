//go:build pprof

// Benchmark builds only (go build -tags pprof, as cmd/tgbench does): with
// CTDESK_PPROF_ADDR set, the process serves net/http/pprof on that address,
// plus a CPU profile that the benchmark starts and stops around the part it
// measures. Production builds do not contain this file.

package main

import (
	"bytes"
	"net/http"
	"net/http/pprof"
	"os"
	rpprof "runtime/pprof"
	"sync"
)

func init() {
	addr := os.Getenv("CTDESK_PPROF_ADDR")
	if addr == "" {
		return
	}
	var (
		mu  sync.Mutex
		buf *bytes.Buffer
	)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("POST /cpuprofile/start", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		b := &bytes.Buffer{}
		if err := rpprof.StartCPUProfile(b); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		buf = b
	})
	mux.HandleFunc("POST /cpuprofile/stop", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if buf == nil {
			http.Error(w, "no CPU profile running", http.StatusConflict)
			return
		}
		rpprof.StopCPUProfile()
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(buf.Bytes())
		buf = nil
	})
	go func() { _ = http.ListenAndServe(addr, mux) }()
}
