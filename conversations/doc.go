// Package conversations is ctdesk's transport-neutral core: it takes an
// incoming event (who, text, button, files) with the stored state, decides
// what happens according to the procedure, and commits the new dialog state,
// the ticket changes, the bitácora entries and the outgoing messages in one
// atomic change. It has no network code; the bot adapters render its messages.
package conversations
