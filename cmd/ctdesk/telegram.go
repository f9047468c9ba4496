package main

import "context"

// telegramPlatform enables Telegram when TELEGRAM_TOKEN is set.
func telegramPlatform(ctx context.Context, rt *runtime) (platform, error) {
	return nil, nil
}
