import { canSeeAttribute } from '../../auth/policy';
import { attributeAccessOf, eventAccessOf } from '../../auth/change-access';
import { Scope, requireActor } from '../../graphql/scope';
import { notFound } from '../../shared/errors';
import { Attribute } from '../attribute/attribute.entity';
import { AttributePayload } from '../attribute/attribute-payload.entity';

/** What the download route sends: the stored file of an attachment or malware-sample attribute. */
export interface AttachmentFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The file of an attachment / malware-sample attribute the caller may see (MISP's attributes/download):
 * an attachment as stored, under its value as file name; a malware sample as the stored zip (password
 * `infected`), named `<file name>.zip` as MISP names it. Anything else — an attribute the caller may not
 * see, of another type, or without a stored file — is NOT_FOUND (invisible == absent). One file in memory
 * (ATTACHMENT_MAX_BYTES bounds it).
 */
export async function attachmentFile(scope: Scope, uuid: string): Promise<AttachmentFile> {
  requireActor(scope);
  if (!UUID.test(uuid)) throw notFound('Attribute', uuid.slice(0, 100));
  const a = await scope.em.findOne(Attribute, { uuid: uuid.toLowerCase(), deleted: false }, { populate: ['event', 'object'] });
  if (!a || !canSeeAttribute(scope.viewer, eventAccessOf(a.event), attributeAccessOf(a))) throw notFound('Attribute', uuid);
  if (a.type !== 'attachment' && a.type !== 'malware-sample') throw notFound('Attachment of attribute', uuid);
  const payload = await scope.em.findOne(AttributePayload, { attribute: a.id }, { populate: ['data'] });
  if (!payload) throw notFound('Attachment of attribute', uuid);
  const data = Buffer.from(payload.data);
  if (a.type === 'malware-sample') {
    // The value is "file name|md5".
    const name = a.value.split('|')[0] || a.uuid;
    return { filename: `${name}.zip`, contentType: 'application/zip', data };
  }
  return { filename: a.value || a.uuid, contentType: 'application/octet-stream', data };
}
