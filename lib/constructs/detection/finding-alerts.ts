import * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { FindingRoute } from '../../detection/findings';
import { AlertTopicRuleTarget } from '../alerts';

/** Properties of {@link FindingAlerts}. */
export interface FindingAlertsProps {
  /** The encrypted alert topic. */
  readonly topic: sns.ITopic;
  /** The findings to route (see `FINDING_ROUTES`). */
  readonly routes: readonly FindingRoute[];
}

/**
 * Findings reach people (DP-THREAT-DETECTION, DP-POSTURE,
 * DP-CLASS-DISCOVERY): one EventBridge rule per finding source, publishing to
 * the encrypted alert topic, whose policy admits each rule by its ARN.
 */
export class FindingAlerts extends Construct {
  /** The rules by route id. */
  public readonly rules: Readonly<Record<string, events.Rule>>;

  constructor(scope: Construct, id: string, props: FindingAlertsProps) {
    super(scope, id);
    const rules: Record<string, events.Rule> = {};
    for (const route of props.routes) {
      rules[route.id] = new events.Rule(this, route.id, {
        description: `${route.description} (${route.controls.join(', ')})`,
        eventPattern: { source: [...route.pattern.source], detailType: [...route.pattern['detail-type']], detail: route.pattern.detail },
        targets: [new AlertTopicRuleTarget(props.topic)],
      });
    }
    this.rules = rules;
  }
}
