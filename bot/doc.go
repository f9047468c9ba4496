// Package bot is the runtime the platform adapters share: intake (one
// person's updates in order, different people in parallel), routing of a
// message to the platform where its recipient is reached, and the outbox
// dispatcher that delivers stored messages at least once, paced and retried.
// Adapters translate; the conversations engine decides.
package bot
