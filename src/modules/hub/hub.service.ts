import { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Config } from '../../config/config';
import { HubSetting } from '../../db/hub-setting.entity';
import { Role } from '../../shared/enums';
import { ApiKey } from '../api-key/api-key.entity';
import { issueApiKey } from '../api-key/api-key.service';
import { hashApiKey } from '../../auth/api-key-secret';
import { Organisation } from '../organisation/organisation.entity';
import { User } from '../user/user.entity';
import pkg from '../../../package.json';

export const SOFTWARE_VERSION: string = pkg.version;
/** Federation protocol version; peers with a different major version are refused. */
export const PROTOCOL_VERSION = '1.1';

export const HUB_UUID_SETTING = 'hub_uuid';
export const HUB_ORG_SETTING = 'host_org_id';
export const CHANGE_SEQ_SETTING = 'change_seq';

/** This hub's uuid (its identity towards peers and in sharing groups). */
export async function hubUuidOf(em: EntityManager): Promise<string> {
  return (await em.findOneOrFail(HubSetting, { name: HUB_UUID_SETTING })).value;
}

export interface BootstrapResult {
  hubUuid: string;
  hostOrg: Organisation;
  admin: User;
  /** Set when a key was issued now (first start): print it once. */
  newAdminKey: string | null;
}

/**
 * First start (idempotent): the hub uuid, the host organisation and a site-admin user with an API key.
 * With ADMIN_API_KEY, that key is the admin's key (added if missing, e.g. when set after first start).
 */
export async function bootstrapHub(rootEm: EntityManager, config: Config): Promise<BootstrapResult> {
  return rootEm.fork().transactional(async (em) => {
    const setting = (name: string) => em.findOne(HubSetting, { name });
    let hubUuid = (await setting(HUB_UUID_SETTING))?.value;
    if (!hubUuid) {
      hubUuid = config.hubUuid ?? randomUUID();
      em.create(HubSetting, { name: HUB_UUID_SETTING, value: hubUuid });
    }
    // The row locked by change-log appends (see appendChanges): seqs commit in order.
    if (!(await setting(CHANGE_SEQ_SETTING))) em.create(HubSetting, { name: CHANGE_SEQ_SETTING, value: '0' });
    let hostOrg: Organisation | null = null;
    const orgSetting = await setting(HUB_ORG_SETTING);
    if (orgSetting) hostOrg = await em.findOne(Organisation, { id: Number(orgSetting.value) });
    if (!hostOrg) {
      hostOrg = (await em.findOne(Organisation, { name: config.hubOrgName })) ?? em.create(Organisation, { name: config.hubOrgName, local: true } as Organisation);
      await em.flush();
      if (orgSetting) orgSetting.value = String(hostOrg.id);
      else em.create(HubSetting, { name: HUB_ORG_SETTING, value: String(hostOrg.id) });
    }
    let admin = await em.findOne(User, { email: config.adminEmail });
    if (!admin) admin = em.create(User, { email: config.adminEmail, organisation: hostOrg, role: Role.ADMIN, disabled: false } as User);
    await em.flush();
    let newAdminKey: string | null = null;
    if (config.adminApiKey) {
      const existing = await em.findOne(ApiKey, { keyHash: hashApiKey(config.adminApiKey) });
      if (!existing) {
        issueApiKey(em, admin, { key: config.adminApiKey, comment: 'ADMIN_API_KEY' });
      }
    } else if ((await em.count(ApiKey, { user: admin.id })) === 0) {
      newAdminKey = issueApiKey(em, admin, { comment: 'first start' }).key;
    }
    await em.flush();
    return { hubUuid, hostOrg, admin, newAdminKey };
  });
}

/** `threatmesh bootstrap`: a fresh key for the site admin (ADMIN_EMAIL), e.g. when the first was lost. */
export async function issueAdminKey(rootEm: EntityManager, config: Config): Promise<string> {
  const { admin } = await bootstrapHub(rootEm, { ...config, adminApiKey: undefined });
  const em = rootEm.fork();
  const user = await em.findOneOrFail(User, { id: admin.id });
  if (user.role !== Role.ADMIN || user.disabled) {
    user.role = Role.ADMIN;
    user.disabled = false;
  }
  const { key } = issueApiKey(em, user, { comment: 'threatmesh bootstrap' });
  await em.flush();
  return key;
}
