import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type BaselineConfig, ClientNames } from '../model';
import { ClientKey } from '../constructs/data/client-key';
import { erasureDate } from '../offboarding/erasure';
import type { ErasedKeyRow, ErasureRecord } from './model';

/**
 * The erasure record of every offboarding client (CDM-3.7-DISPOSAL): the
 * approval, the dates, and every key of the client marked for erasure in the
 * synthesized app, i.e. the certificate of destruction the policy asks for.
 * Absent when no client is offboarding.
 */
export function erasureRecords(config: BaselineConfig, app: IConstruct): { erasures?: ErasureRecord[] } {
  const keys = app.node.findAll().filter((c): c is ClientKey => c instanceof ClientKey && c.erasure !== undefined);
  const records = config.clients.flatMap((client): ErasureRecord[] => {
    const offboarding = client.offboarding;
    if (offboarding === undefined) return [];
    const rows: ErasedKeyRow[] = keys
      .filter((k) => k.clientId === client.id)
      .map((k) => ({
        path: k.node.path,
        alias: k.aliasName,
        account: Stack.of(k).account,
        region: Stack.of(k).region,
        pendingWindowDays: k.erasure?.pendingWindowDays ?? offboarding.erasureAfterDays,
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return [
      {
        client: client.id,
        account: new ClientNames(config.provider, client).account,
        requested: offboarding.requested,
        erasureAfterDays: offboarding.erasureAfterDays,
        erasureDate: erasureDate(offboarding),
        approvedBy: offboarding.approvedBy,
        ticket: offboarding.ticket,
        ...(offboarding.exportUntil === undefined ? {} : { exportUntil: offboarding.exportUntil }),
        keys: rows,
      },
    ];
  });
  return records.length === 0 ? {} : { erasures: records.sort((a, b) => (a.client < b.client ? -1 : 1)) };
}
