// Every credential value the tests hand to the bot, in one place, so the suite-wide log check
// (test/global-setup.ts) can grep every captured log line for all of them. New tests should
// take their tokens from here; test/secrets-list.test.ts fails when a token-looking literal
// anywhere under test/ is missing from TEST_SECRETS.

/** The in-process Slack adapter harness (test/support/slack-harness.ts). */
export const SLACK_HARNESS = Object.freeze({
  botToken: "xoxb-1111-2222-TESTBOTTOKENSECRET",
  signingSecret: "test-signing-secret-5f2b9c0e7d41a3",
  /** Only for constructing a Socket Mode adapter that never connects. */
  appToken: "xapp-1-A0-TEST",
});

/** The Matrix adapter harness (test/support/matrix-harness.ts). */
export const MATRIX_HARNESS_TOKEN = "syt_dmlydC10YWxrcw_TopSecretAccessToken_4f2a9c";

/** The password in a SLACK_API_URL with credentials (test/adapters/slack/api-url.test.ts). */
export const URL_PASSWORD = "url-password-secret-7e3a";

/** The bot process flooded with oversized requests (test/adapters/slack/body-flood.test.ts). */
export const FLOOD = Object.freeze({
  botToken: "xoxb-3333-4444-FLOODBOTTOKENSECRET",
  signingSecret: "flood-signing-secret-8d03be71c5a2",
});

export interface TestSecret {
  /** Where it comes from: printed instead of the value when it is found in a log. */
  readonly name: string;
  readonly value: string;
}

/**
 * Every secret value any test gives the bot (or a fake that checks it). Files that keep their
 * own constants are listed by literal so they are covered too.
 */
export const TEST_SECRETS: readonly TestSecret[] = Object.freeze([
  { name: "slack-harness bot token", value: SLACK_HARNESS.botToken },
  { name: "slack-harness signing secret", value: SLACK_HARNESS.signingSecret },
  { name: "slack-security app token", value: SLACK_HARNESS.appToken },
  { name: "matrix-harness access token", value: MATRIX_HARNESS_TOKEN },
  { name: "flood bot token", value: FLOOD.botToken },
  { name: "password in SLACK_API_URL", value: URL_PASSWORD },
  { name: "flood signing secret", value: FLOOD.signingSecret },
  // test/soak/e2e-start.test.ts
  { name: "e2e-start Slack bot token", value: "xoxb-e2e-0000-test-token" },
  { name: "e2e-start signing secret", value: "e2e-signing-secret-0000" },
  { name: "e2e-start Matrix token", value: "syt_e2e_matrix_token_0000" },
  // test/app/start.test.ts
  { name: "main-start Slack bot token", value: "xoxb-0000-test-token" },
  { name: "main-start signing secret", value: "signing-secret-0000" },
  { name: "main-start Matrix token", value: "syt_matrix_test_token_0000" },
  { name: "main-start app token", value: "xapp-1-test" },
  // test/soak/totd-kill.test.ts
  { name: "totd-kill Slack bot token", value: "xoxb-kill-0000-test-token" },
  { name: "totd-kill signing secret", value: "kill-signing-secret-0000" },
  { name: "totd-kill Matrix token", value: "syt_kill_matrix_token_0000" },
  // test/soak/totd-replicas.test.ts
  { name: "totd-replicas Slack bot token", value: "xoxb-replicas-0000-test-token" },
  { name: "totd-replicas signing secret", value: "replicas-signing-secret-0000" },
  { name: "totd-replicas Matrix token", value: "syt_replicas_matrix_token_000" },
  // test/app/totd-replicas.test.ts
  { name: "totd replica bots Slack bot token", value: "xoxb-totd-replicas-0000-token" },
  { name: "totd replica bots signing secret", value: "totd-replicas-signing-secret-0" },
  // test/soak/main-process.test.ts: a malformed SLACK_BOT_TOKEN must not be echoed either
  { name: "main-process malformed bot token", value: "not-a-bot-token" },
  // bench/shared/fakes/homeserver.ts: the fake's default access token
  { name: "fake homeserver default token", value: "syt_fake_access_token_0123456789" },
  // test/adapters/matrix/resilience.test.ts: a wrong token the bot is started with
  { name: "matrix-resilience wrong token", value: "syt_wrong_token_value_123456" },
  // test/adapters/slack/adapter.test.ts: a wrong bot token the adapter is started with
  { name: "slack-adapter wrong bot token", value: "xoxb-not-the-right-token" },
  // test/adapters/slack/security.test.ts: the key a forged signature is made with
  { name: "slack-security wrong signing key", value: "wrong-secret-000000" },
  // test/import/bad-input.test.ts: an API key in a schedule URL; test/import/reload.test.ts
  { name: "import URL api key", value: "0123-secret-api-key" },
  { name: "import admin token", value: "admin-token-for-tests-0123456789" },
  // test/soak/bench/bare/bot.test.ts: the bare bots bench:bot compares against
  { name: "bare bot Slack token", value: "xoxb-test-bare-bot" },
  { name: "bare bot signing secret", value: "bare-bot-signing-secret" },
  { name: "bare bot Matrix token", value: "syt_bare_bot_token" },
]);
