package main

import "context"

// slackPlatform enables Slack when SLACK_BOT_TOKEN is set.
func slackPlatform(ctx context.Context, rt *runtime) (platform, error) {
	return nil, nil
}
