package telegramtest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // photo dimensions
	_ "image/jpeg" // photo dimensions
	_ "image/png"  // photo dimensions
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// newFileLocked stores data under a new file_id. s.mu must be held.
func (s *Server) newFileLocked(kind, name, mimeType string, data []byte) *File {
	s.nextFile++
	n := s.nextFile
	ext := strings.ToLower(path.Ext(name))
	if ext == "" && kind == "photos" {
		ext = ".jpg"
	}
	if mimeType == "" || mimeType == "application/octet-stream" {
		if t := mime.TypeByExtension(ext); t != "" {
			mimeType = t
		} else if mimeType == "" {
			mimeType = "application/octet-stream"
		}
	}
	prefix := map[string]string{"photos": "AgACAgEAAxkBAAI", "documents": "BQACAgEAAxkBAAI"}[kind]
	f := &File{
		ID:       fmt.Sprintf("%s%06d%s", prefix, n, "fake_file_id"),
		UniqueID: fmt.Sprintf("AQAD%06d", n),
		Path:     fmt.Sprintf("%s/file_%d%s", kind, n, ext),
		Name:     name,
		MIME:     mimeType,
		Size:     len(data),
		Data:     append([]byte(nil), data...),
	}
	s.files[f.ID] = f
	s.paths[f.Path] = f
	return f
}

var thumbnailBytes = []byte("telegramtest thumbnail: take the largest PhotoSize")

// photoSizesLocked stores a photo as Telegram does: a small thumbnail, then the full size.
func (s *Server) photoSizesLocked(data []byte, w, h int) []*File {
	thumb := s.newFileLocked("photos", "", "image/jpeg", thumbnailBytes)
	thumb.Width, thumb.Height = 90, max(1, 90*h/max(w, 1))
	full := s.newFileLocked("photos", "", "image/jpeg", data)
	full.Width, full.Height = w, h
	return []*File{thumb, full}
}

func imageSize(data []byte) (int, int, bool) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// fileParam resolves a file given as an upload or as a file_id string.
func (s *Server) fileParam(req *request, field string, limit int) (up *Upload, existing *File, rep *reply) {
	if u := req.upload(field); u != nil {
		if len(u.Data) == 0 {
			r := badRequest("file must be non-empty")
			return nil, nil, &r
		}
		if len(u.Data) > limit {
			r := fail(http.StatusRequestEntityTooLarge, "Request Entity Too Large")
			return nil, nil, &r
		}
		return u, nil, nil
	}
	id := req.get(field)
	if id == "" {
		r := badRequest("there is no %s in the request", field)
		return nil, nil, &r
	}
	if strings.HasPrefix(id, "attach://") {
		r := badRequest("can't find attached file \"%s\"", strings.TrimPrefix(id, "attach://"))
		return nil, nil, &r
	}
	s.mu.Lock()
	f := s.files[id]
	s.mu.Unlock()
	if f == nil {
		r := badRequest("wrong file identifier/HTTP URL specified")
		return nil, nil, &r
	}
	return nil, f, nil
}

func (s *Server) sendDocument(req *request) reply { return s.sendFile(req, "document") }

func (s *Server) sendPhoto(req *request) reply { return s.sendFile(req, "photo") }

func (s *Server) sendFile(req *request, field string) reply {
	chatID, rep := req.chatID()
	if rep != nil {
		return *rep
	}
	limit := s.cfg.uploadLimit
	if field == "photo" {
		limit = s.cfg.photoLimit
	}
	up, existing, rep := s.fileParam(req, field, limit)
	if rep != nil {
		return *rep
	}
	w, h := 0, 0
	if up != nil && field == "photo" {
		var ok bool
		if w, h, ok = imageSize(up.Data); !ok {
			return badRequest("IMAGE_PROCESS_FAILED")
		}
	}
	caption, capEnts, buttons, rep := content(req, "caption", "caption_entities", checkCaption)
	if rep != nil {
		return *rep
	}
	return s.post(chatID, req, func() (*msgRec, *reply) {
		m := &msgRec{fromBot: true, caption: caption, captionEntities: capEnts, source: req.get("caption"), buttons: buttons}
		switch {
		case field == "document" && up != nil:
			m.doc = s.newFileLocked("documents", up.FileName, up.MIME, up.Data)
		case field == "document":
			d := *existing
			m.doc = &d
		case up != nil:
			m.photo = s.photoSizesLocked(up.Data, w, h)
		case strings.HasPrefix(existing.Path, "photos/"):
			m.photo = []*File{existing}
		default:
			r := badRequest("wrong file identifier/HTTP URL specified")
			return nil, &r
		}
		return m, nil
	})
}

func (s *Server) getFile(req *request) reply {
	id := req.get("file_id")
	if id == "" {
		return badRequest("file_id is empty")
	}
	s.mu.Lock()
	f := s.files[id]
	s.mu.Unlock()
	if f == nil {
		return badRequest("invalid file_id")
	}
	if f.Size > s.cfg.downloadLimit {
		return badRequest("file is too big")
	}
	return okReply(wireFile{FileID: f.ID, FileUniqueID: f.UniqueID, FileSize: f.Size, FilePath: f.Path})
}

// serveDownload answers GET /file/bot<token>/<file_path>.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/file/bot")
	token, filePath, _ := strings.Cut(rest, "/")
	call := Call{Method: "download", Params: map[string]string{"file_path": filePath}, Time: time.Now(), Status: http.StatusOK}
	s.mu.Lock()
	f := s.paths[filePath]
	switch {
	case token != s.cfg.token:
		call.Status, call.Description = http.StatusUnauthorized, "Unauthorized"
	case f == nil:
		call.Status, call.Description = http.StatusNotFound, "Not Found"
	case f.Size > s.cfg.downloadLimit:
		call.Status, call.Description = http.StatusBadRequest, "file is too big"
	}
	if call.Status != http.StatusOK {
		s.malformed++
	}
	s.calls = append(s.calls, call)
	s.mu.Unlock()
	if call.Status != http.StatusOK {
		http.Error(w, call.Description, call.Status)
		return
	}
	w.Header().Set("Content-Type", f.MIME)
	w.Header().Set("Content-Length", fmt.Sprint(len(f.Data)))
	_, _ = w.Write(f.Data)
}
