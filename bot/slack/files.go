package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"ctdesk/conversations"
)

var errTooBig = errors.New("file too big")

// download fetches a file shared in a DM with the bot token; one over the
// size limit is given as TooBig, without its bytes.
func (a *Adapter) download(ctx context.Context, f slack.File) (conversations.IncomingFile, error) {
	url := f.URLPrivateDownload
	if url == "" {
		url = f.URLPrivate
	}
	if url == "" || f.Name == "" {
		info, _, _, err := a.api.GetFileInfoContext(ctx, f.ID, 0, 0)
		if err != nil {
			return conversations.IncomingFile{}, fmt.Errorf("slack: files.info %s: %w", f.ID, err)
		}
		f = *info
		url = f.URLPrivateDownload
	}
	in := conversations.IncomingFile{Name: f.Name, MIME: f.Mimetype, Photo: strings.HasPrefix(f.Mimetype, "image/")}
	if int64(f.Size) > a.cfg.MaxFile {
		in.TooBig = true
		return in, nil
	}
	buf := &limited{max: a.cfg.MaxFile}
	if err := a.api.GetFileContext(ctx, url, buf); err != nil {
		if errors.Is(err, errTooBig) {
			in.TooBig = true
			return in, nil
		}
		return in, fmt.Errorf("slack: download %s: %w", f.ID, err)
	}
	in.Data = buf.Bytes()
	return in, nil
}

// limited is a buffer that refuses to grow past max bytes.
type limited struct {
	bytes.Buffer
	max int64
}

func (l *limited) Write(p []byte) (int, error) {
	if int64(l.Len()+len(p)) > l.max {
		return 0, errTooBig
	}
	return l.Buffer.Write(p)
}
