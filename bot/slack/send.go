package slack

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// Block Kit limits the rendering keeps to.
const (
	maxSection = 3000
	maxLabel   = 75
	maxRow     = 25
	maxBlocks  = 50
	maxText    = 4000 // of the notification text beside the blocks
)

// Send delivers a message to the Slack user d.Account in their DM: the
// files first, then the text with its buttons, so the question is the last
// thing the person sees. With Edit, the pressed message is updated instead
// and loses its buttons. The calls that earlier attempts made (d.Done) are
// not made again.
func (a *Adapter) Send(ctx context.Context, d *bot.Delivery) error {
	m := d.Message
	if m.Edit != "" {
		if channel, ts, ok := strings.Cut(m.Edit, ":"); ok && strings.HasPrefix(channel, "D") {
			err := a.update(ctx, channel, ts, m)
			if !isGone(err) {
				return err
			}
			a.log.Warn("pressed message gone, sending anew", "channel", channel, "ts", ts)
		}
	}
	channel, err := a.dm(ctx, d.Account)
	if err != nil {
		return err
	}
	var calls []func() error
	for _, f := range d.Files {
		calls = append(calls, func() error {
			_, err := a.api.UploadFileContext(ctx, slack.UploadFileParameters{
				Reader: bytes.NewReader(f.Data), FileSize: len(f.Data), Filename: f.Name, Title: f.Name, Channel: channel,
			})
			return classify("files.upload "+f.Name, err)
		})
	}
	if m.Text != "" || len(m.Buttons) > 0 {
		calls = append(calls, func() error {
			ch, ts, err := a.api.PostMessageContext(ctx, channel, render(m)...)
			if err == nil {
				d.Refs = append(d.Refs, ch+":"+ts)
			}
			return classify("chat.postMessage", err)
		})
	}
	start := d.Done
	for i := start; i < len(calls); i++ {
		if i > start {
			d.Progress(ctx, i)
		}
		if err := calls[i](); err != nil {
			return err
		}
	}
	return nil
}

// Delete deletes a message the bot sent, by the "channel:ts" reference
// Send gave. One already gone is bot.ErrPermanent.
func (a *Adapter) Delete(ctx context.Context, ref string) error {
	channel, ts, ok := strings.Cut(ref, ":")
	if !ok {
		return fmt.Errorf("slack: message reference %q: %w", ref, bot.ErrPermanent)
	}
	_, _, err := a.api.DeleteMessageContext(ctx, channel, ts)
	return classify("chat.delete", err)
}

// update shows the outcome on the pressed message.
func (a *Adapter) update(ctx context.Context, channel, ts string, m conversations.Message) error {
	if _, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, render(m)...); err != nil {
		return classify("chat.update", err)
	}
	return nil
}

// dm returns the DM channel with a user, opening it once.
func (a *Adapter) dm(ctx context.Context, user string) (string, error) {
	a.mu.Lock()
	id, ok := a.dms[user]
	a.mu.Unlock()
	if ok {
		return id, nil
	}
	ch, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
	if err != nil {
		return "", classify("conversations.open "+user, err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.dms[user] = ch.ID
	return ch.ID, nil
}

// render turns a message into a notification text, its sections and one
// actions block per row of buttons (the value is the button's code).
func render(m conversations.Message) []slack.MsgOption {
	text := escape(m.Text)
	var blocks []slack.Block
	for _, part := range split(text, maxSection) {
		blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, true), nil, nil))
	}
	n := 0
	for r, row := range m.Buttons {
		for start := 0; start < len(row); start += maxRow {
			var els []slack.BlockElement
			for _, b := range row[start:min(len(row), start+maxRow)] {
				label := slack.NewTextBlockObject(slack.PlainTextType, truncate(b.Label, maxLabel), true, false)
				els = append(els, slack.NewButtonBlockElement("b"+strconv.Itoa(n), b.Code, label))
				n++
			}
			blocks = append(blocks, slack.NewActionBlock("r"+strconv.Itoa(r)+"."+strconv.Itoa(start), els...))
		}
	}
	if len(blocks) > maxBlocks {
		blocks = blocks[len(blocks)-maxBlocks:]
	}
	return []slack.MsgOption{slack.MsgOptionText(truncate(text, maxText), false), slack.MsgOptionBlocks(blocks...)}
}

// split cuts text into parts of at most n characters, at line ends when it can.
func split(text string, n int) []string {
	var parts []string
	for utf8.RuneCountInString(text) > n {
		cut := len(string([]rune(text)[:n]))
		if i := strings.LastIndexByte(text[:cut], '\n'); i > 0 {
			cut = i
		}
		parts = append(parts, text[:cut])
		text = strings.TrimLeft(text[cut:], "\n")
	}
	if text != "" || len(parts) == 0 {
		parts = append(parts, text)
	}
	if parts[len(parts)-1] == "" {
		parts[len(parts)-1] = " "
	}
	return parts
}

// truncate shortens s to n characters, ending with "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// String describes the adapter in logs.
func (a *Adapter) String() string { return fmt.Sprintf("slack(%s)", a.BotUserID()) }
