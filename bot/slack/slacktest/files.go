package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// File is a file in the workspace: shared by a person, or uploaded by the bot.
type File struct {
	ID    string
	Name  string
	Title string
	MIME  string
	Data  []byte
	// User is who shared it (BotUserID for uploads).
	User     string
	size     int
	complete bool
}

// uploadURLLocked answers files.getUploadURLExternal with a URL on this host.
func (s *Server) uploadURLLocked(p map[string]string) (int, any) {
	n, err := strconv.Atoi(p["length"])
	if p["filename"] == "" || err != nil || n <= 0 {
		return 0, apiError{Error: "invalid_arguments"}
	}
	f := &File{ID: fmt.Sprintf("F%07d", s.nextLocked()), Name: p["filename"], Title: p["filename"], User: BotUserID, size: n}
	s.files[f.ID] = f
	return 0, map[string]any{"ok": true, "upload_url": s.base + "/upload/" + f.ID, "file_id": f.ID}
}

// serveUpload takes the bytes of a file announced by files.getUploadURLExternal.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	mf, hdr, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file part", http.StatusBadRequest)
		return
	}
	defer mf.Close()
	data, err := io.ReadAll(io.LimitReader(mf, 1<<30))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	if !ok || f.complete || len(data) != f.size {
		s.malformed++
		http.Error(w, "unknown upload or wrong length", http.StatusBadRequest)
		return
	}
	f.Data = data
	f.MIME = mimeOf(hdr.Filename)
	fmt.Fprintf(w, "OK - %d", len(data))
}

// completeUploadLocked answers files.completeUploadExternal: the uploaded
// files are shared in the channel as one message.
func (s *Server) completeUploadLocked(p map[string]string) (int, any) {
	var list []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(p["files"]), &list); err != nil || len(list) == 0 {
		return 0, apiError{Error: "invalid_arguments"}
	}
	var c *channel
	if id := p["channel_id"]; id != "" {
		if c = s.channels[id]; c == nil {
			return 0, apiError{Error: "channel_not_found"}
		}
	}
	m := &Message{TS: s.tsLocked(), User: BotUserID, Text: p["initial_comment"]}
	var out []map[string]any
	for _, l := range list {
		f, ok := s.files[l.ID]
		if !ok || f.Data == nil || f.complete {
			return 0, apiError{Error: "file_not_found"}
		}
		if l.Title != "" {
			f.Title = l.Title
		}
		f.complete = true
		m.Files = append(m.Files, *f)
		out = append(out, map[string]any{"id": f.ID, "title": f.Title})
	}
	if c != nil {
		m.Channel = c.id
		c.msgs = append(c.msgs, m)
	}
	return 0, map[string]any{"ok": true, "files": out}
}

// serveDownload serves url_private: with the bot token, the bytes; without
// it, a redirect to the sign-in page, as files.slack.com does.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.PathValue("id")]
	token := s.botToken
	s.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+token {
		http.Redirect(w, r, "/signin?redir="+url.QueryEscape(r.URL.Path), http.StatusFound)
		return
	}
	if !ok || !f.complete {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.MIME)
	_, _ = w.Write(f.Data)
}

// wireFile is a file object as the Web API and events show it.
func (s *Server) wireFile(f *File) map[string]any {
	u := s.base + "/files-pri/" + f.ID + "/" + url.PathEscape(f.Name)
	return map[string]any{"id": f.ID, "name": f.Name, "title": f.Title, "mimetype": f.MIME,
		"filetype": strings.TrimPrefix(extOf(f.Name), "."), "size": len(f.Data), "user": f.User,
		"url_private": u, "url_private_download": u + "?download=1", "mode": "hosted", "is_external": false}
}

func extOf(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i:]
	}
	return ""
}

// mimeOf guesses a type from the name, as Slack does for uploads.
func mimeOf(name string) string {
	switch strings.ToLower(extOf(name)) {
	case ".pdf":
		return "application/pdf"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".txt":
		return "text/plain"
	case ".csv":
		return "text/csv"
	}
	return "application/octet-stream"
}
