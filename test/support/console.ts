import { Page } from 'playwright-core';
import { AddAttributeDocument, CreateEventDocument, Distribution } from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { ok, TestHub } from './hub';

/** The hub's origin (scheme, host, port) from its GraphQL URL. */
export const originOf = (hub: TestHub) => new URL(hub.url).origin;

/** Opens the dashboard and logs in with `key` through its form; resolves once the user is shown. */
export async function loginToConsole(page: Page, hub: TestHub, key: string, hash = ''): Promise<void> {
  await page.goto(`${originOf(hub)}/${hash}`);
  await page.fill('#login-key', key);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#role', { timeout: 10_000 });
}

/** An event with one attribute, written through the API by `client`. */
export async function eventWithAttribute(client: GraphqlClient, info: string, distribution: Distribution, value: string, tags: string[] = []) {
  const event = ok(await client.request(CreateEventDocument, { input: { info, distribution, tags } })).createEvent;
  const attribute = ok(await client.request(AddAttributeDocument, { input: { eventId: event.id, type: 'ip-dst', value } })).addAttribute;
  return { eventId: event.id, attributeId: attribute.id };
}

export async function addIp(client: GraphqlClient, eventId: string, value: string) {
  return ok(await client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value } })).addAttribute;
}
