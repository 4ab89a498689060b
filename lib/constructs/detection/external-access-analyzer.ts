import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import { Construct } from 'constructs';

/** Properties of an {@link ExternalAccessAnalyzer}. */
export interface ExternalAccessAnalyzerProps {
  /** The analyzer's name (constant per account and region: `AnalyzerName` is create-only). */
  readonly analyzerName: string;
}

/**
 * IAM Access Analyzer for external access in one account and region
 * (DP-POSTURE): any bucket, key or role policy that opens a client store
 * outside the account (the zone of trust) becomes an active finding. No
 * archive rules: nothing about client data is hidden. IAM allows one
 * account analyzer of a type per account and region.
 */
export class ExternalAccessAnalyzer extends Construct {
  /** The analyzer. */
  public readonly analyzer: accessanalyzer.CfnAnalyzer;

  constructor(scope: Construct, id: string, props: ExternalAccessAnalyzerProps) {
    super(scope, id);
    this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'Analyzer', { type: 'ACCOUNT', analyzerName: props.analyzerName });
  }
}
