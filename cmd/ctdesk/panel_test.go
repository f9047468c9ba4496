package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestConsolePanel: the console serves the web panel while it runs, and
// /panel typed there answers with a link to it that opens the sign-in page.
func TestConsolePanel(t *testing.T) {
	in, feed := io.Pipe()
	out := &lockedBuffer{}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan error, 1)
	vars := map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db"), "CTDESK_HTTP_ADDR": "127.0.0.1:0"}
	go func() { done <- run(ctx, []string{"serve"}, env(vars), in, out, io.Discard) }()
	if _, err := io.WriteString(feed, "/as ana\n/panel\n"); err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/panel/entrar\?p=ana&t=\S+`)
	deadline := time.Now().Add(30 * time.Second)
	for !link.MatchString(out.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("no panel link in the console:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	res, err := http.Get(link.FindString(out.String()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `id="entrar"`) {
		t.Errorf("the link: %d\n%s", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy: %q", csp)
	}
	feed.Close()
	if err := <-done; err != nil {
		t.Fatalf("console: %v", err)
	}
}
