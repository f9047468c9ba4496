// Package conversations is ctdesk's transport-neutral engine: it takes an
// incoming event (who, text, button, files) with the stored state, decides
// what happens according to the procedure, and commits the new dialog state,
// the ticket changes, the bitácora entries and the outgoing messages in one
// atomic change. It has no network code; the bot adapters render its messages.
//
// The engine runs what its sub-packages declare and decide:
//
//	procedures    the five services, one file each, written in workflow's terms
//	workflow      the language of a service: questions, actions, who is told
//	policy        who may act on, see or rate a ticket, and who is asked
//	staff         CT's commands: queue, indicator, report DP-RG.02, program CT-RG.01
//	registration  adding someone who is not in the directory
//	texts         every text a person reads, in Spanish and English
//	chat          the messages and buttons people and ctdesk exchange
//	directory     the cached copy of the people and areas
package conversations
