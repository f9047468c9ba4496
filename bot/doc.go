// Package bot is the runtime the platform adapters share: the Adapter
// interface every chat platform implements, the Intake through which their
// updates enter (one person's updates in order, different people in
// parallel), routing of a message to the platform where its recipient is
// reached, and the outbox dispatcher that delivers stored messages at least
// once, paced and retried, going on where an interrupted delivery stopped.
// Adapters translate; the conversations engine decides.
package bot
