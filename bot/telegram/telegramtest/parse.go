package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// request is a Bot API request with its parameters however they were encoded.
type request struct {
	params  map[string]string
	uploads []Upload
}

func (r *request) get(key string) string { return r.params[key] }

func (r *request) has(key string) bool { _, ok := r.params[key]; return ok }

func (r *request) upload(field string) *Upload {
	for i := range r.uploads {
		if r.uploads[i].Field == field {
			return &r.uploads[i]
		}
	}
	return nil
}

func (r *request) boolean(key string) bool {
	v := strings.ToLower(r.params[key])
	return v == "true" || v == "1"
}

// integer parses an integer parameter; ok is false when it is present but not a number.
func (r *request) integer(key string) (n int64, present, ok bool) {
	v, present := r.params[key]
	if !present || v == "" {
		return 0, false, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, true, err == nil
}

const maxBody = 64 << 20

// parseRequest reads query, form-encoded, multipart or JSON parameters like the Bot API does.
// A non-nil reply means the request cannot be served (body too large or not decodable).
func parseRequest(w http.ResponseWriter, r *http.Request) (*request, *reply) {
	req := &request{params: map[string]string{}}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			req.params[k] = v[0]
		}
	}
	if r.Method != http.MethodPost || r.Body == nil {
		return req, nil
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			rep := fail(http.StatusRequestEntityTooLarge, "Request Entity Too Large")
			return req, &rep
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	case "application/json":
		var m map[string]json.RawMessage
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err == nil && len(bytes.TrimSpace(body)) > 0 {
			err = json.Unmarshal(body, &m)
		}
		if err != nil {
			rep := badRequest("can't parse JSON encoded request: %v", err)
			return req, &rep
		}
		for k, raw := range m {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				req.params[k] = s
			} else {
				req.params[k] = string(raw)
			}
		}
	case "multipart/form-data":
		if rep := readMultipart(r, ctParams["boundary"], req); rep != nil {
			return req, rep
		}
	}
	return req, nil
}

// uploadCap is the most bytes kept of one uploaded file; larger files are answered 413.
const uploadCap = 50 << 20

func readMultipart(r *http.Request, boundary string, req *request) *reply {
	if boundary == "" {
		rep := badRequest("can't parse multipart/form-data request")
		return &rep
	}
	mr, err := r.MultipartReader()
	if err != nil {
		rep := badRequest("can't parse multipart/form-data request")
		return &rep
	}
	tooLarge := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rep := badRequest("can't parse multipart/form-data request")
			return &rep
		}
		name := part.FormName()
		data, err := io.ReadAll(io.LimitReader(part, uploadCap+1))
		if err != nil {
			rep := badRequest("can't parse multipart/form-data request")
			return &rep
		}
		if part.FileName() == "" {
			req.params[name] = string(data)
			continue
		}
		if len(data) > uploadCap {
			tooLarge = true
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		req.uploads = append(req.uploads, Upload{Field: name, FileName: part.FileName(),
			MIME: part.Header.Get("Content-Type"), Data: data})
	}
	if tooLarge {
		rep := fail(http.StatusRequestEntityTooLarge, "Request Entity Too Large")
		return &rep
	}
	return nil
}
