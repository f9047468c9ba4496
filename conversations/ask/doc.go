// Package ask is how a step of a conversation asks for input: a service's
// form, the input of a ticket action, a registration, the comment after a
// rating. A short sequence of the form's field kinds (workflow.Field) is
// asked one question at a time; each answer, typed or pressed, is read by
// the same code, and a bad one gets the same message and the same question
// again everywhere. The web panel checks answers given at once with the
// same rules (Questions.Check).
//
// The package knows nothing of the engine: what it needs of the
// conversation it runs in — the reader's language, the clock, the files
// sent, where to reply — comes in an Env.
package ask
