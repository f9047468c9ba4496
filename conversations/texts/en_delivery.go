package texts

// enDelivery are the notices about delivery that the coordination reads.
var enDelivery = map[string]string{
	"unreachable.coord":       "Notice: I could not deliver a message to %s: they blocked the bot or never opened the conversation with it, and have no other platform. I will deliver it as soon as they write to the bot; ask them to.",
	"ticket.unreached":        "⚠ %s could not be reached: they have no open conversation with the bot. It will be delivered as soon as they write; meanwhile, reminders go to the coordination.",
	"secret.taken":            "Password delivered on %s.",
	"secret.undelivered":      "Notice: the temporary password of the account %[2]s could not be delivered to %[1]s (request %[3]s). Press “Generate another password” to make a new one and deliver it to both of you; set it in the mail server panel.",
	"unreachable.coord.folio": "Notice: I could not deliver to %s a message about %s: they blocked the bot or never opened the conversation with it, and have no other platform. I will deliver it as soon as they write to the bot; ask them to.",
}
