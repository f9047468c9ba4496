package texts

// enDelivery are the notices about delivery that the coordination reads.
var enDelivery = map[string]string{
	"unreachable.coord":       "Notice: I could not deliver a message to %s: they blocked the bot or never opened the conversation with it, and have no other platform. I will deliver it as soon as they write to the bot; ask them to.",
	"unreachable.coord.folio": "Notice: I could not deliver to %s a message about %s: they blocked the bot or never opened the conversation with it, and have no other platform. I will deliver it as soon as they write to the bot; ask them to.",
}
