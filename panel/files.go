package panel

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// file serves an attachment of a ticket the person may see: images to
// look at, anything else to download. A file that is not the ticket's
// answers 404 like a ticket one may not see.
func (p *Panel) file(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	id := r.PathValue("id")
	var att *storage.Attachment
	for i := range tk.Attachments {
		if tk.Attachments[i].FileID == id {
			att = &tk.Attachments[i]
		}
	}
	if att == nil {
		p.notFound(w, r, rq, tk.Folio, "archivo")
		return
	}
	f, err := p.st.File(r.Context(), id)
	if errors.Is(err, storage.ErrNotFound) {
		p.notFound(w, r, rq, "", "")
		return
	}
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	name := att.Name
	if name == "" {
		name = f.Name
	}
	h := w.Header()
	// A file is never a page of the panel: no script, no plugin, no frame.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	if kind := http.DetectContentType(f.Data); isImage(kind) {
		h.Set("Content-Type", kind)
		h.Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(name))
	} else {
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	}
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}

func isImage(kind string) bool {
	switch kind {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
		return true
	}
	return false
}

// download sends a file to save.
func download(w http.ResponseWriter, name, kind string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", kind)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// readFiles reads the files of a form field, each marked too big past
// maxUpload (the engine then says so).
func readFiles(fhs []*multipart.FileHeader) ([]conversations.IncomingFile, error) {
	var out []conversations.IncomingFile
	for _, fh := range fhs {
		in := conversations.IncomingFile{Name: baseName(fh.Filename), MIME: fh.Header.Get("Content-Type")}
		if fh.Size > maxUpload {
			in.TooBig = true
			out = append(out, in)
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, fmt.Errorf("panel: read %s: %w", fh.Filename, err)
		}
		in.Data, err = io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("panel: read %s: %w", fh.Filename, err)
		}
		in.Photo = isImage(http.DetectContentType(in.Data))
		out = append(out, in)
	}
	return out, nil
}

// baseName keeps the last part of a file name a browser sent.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		name = "archivo"
	}
	return name
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
