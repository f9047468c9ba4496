package conversations

import (
	"context"
	"fmt"
	"net/url"

	"ctdesk/conversations/check"
	"ctdesk/lib/signin"
)

// panelCommand answers /panel with a link that opens the web panel: usable
// once, for ten minutes, only by the person who asked (it is sealed in the
// outbox and never logged, like a password). /panel salir closes every
// session the person has open in the panel.
func (t *turn) panelCommand(ctx context.Context, arg string) error {
	if t.e.cfg.PanelURL == "" {
		t.reply(t.tr("panel.none"))
		return nil
	}
	switch check.Fold(arg) {
	case "":
	case "salir", "cerrar", "logout", "exit", "sign out":
		if err := signin.CloseAll(ctx, t.e.st, t.who.ID); err != nil {
			return fmt.Errorf("conversations: /panel salir: %w", err)
		}
		t.reply(t.tr("panel.closed"))
		return nil
	default:
		t.reply(t.tr("panel.usage"))
		return nil
	}
	secret, err := signin.NewLink(ctx, t.e.st, t.who.ID, t.now)
	if err != nil {
		return fmt.Errorf("conversations: /panel: %w", err)
	}
	link := t.e.cfg.PanelURL + "/entrar?" + url.Values{"p": {t.who.ID}, "t": {secret}}.Encode()
	t.sendSecret(t.recipient(), t.tr("panel.link", link, int(signin.LinkTTL.Minutes())))
	return nil
}
