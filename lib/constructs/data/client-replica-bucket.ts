import type { Construct } from 'constructs';
import { ClientDataBucket, type ClientDataBucketProps } from './client-data-bucket';

/** Properties of a {@link ClientReplicaBucket}: a dataset bucket's, without replication of its own. */
export type ClientReplicaBucketProps = Omit<ClientDataBucketProps, 'replication'>;

/**
 * The disaster-recovery copy of one client dataset in the client's replica
 * region (DP-MULTI-REGION): a {@link ClientDataBucket} with the same
 * hardening, tags, lifecycle and retention, that is itself the destination of
 * its dataset's replication and so does not replicate further. A class of its
 * own so that the acknowledgement of "bucket does not replicate" targets only
 * replicas (`lib/nag/acknowledgements.ts`).
 */
export class ClientReplicaBucket extends ClientDataBucket {
  constructor(scope: Construct, id: string, props: ClientReplicaBucketProps) {
    super(scope, id, props);
  }
}
