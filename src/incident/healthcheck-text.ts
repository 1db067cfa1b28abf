import type { Language } from './language.js';

/**
 * The sentences of an incident opened from a failing health check (a monitor, no deploy involved), in
 * English and Korean. Arguments are already-formatted Markdown (code spans, links, times).
 */
export interface HealthPhrases {
  /** The part of the title after `[SEV-2] api/production: `. */
  title(failed: string): string;
  /** What is left out of a list of failed checks: `+2 more`. */
  more(count: number): string;
  /** `2 of 3 checks fail in production since 03:00:12 UTC (when the monitor run that found it started).` */
  failing(count: number, total: number, environment: string, since: string): string;
  /** The checks that still pass, as a list. */
  passing(list: string): string;
  confirm: string;
  /** `**Detected** by the monitor: …` with the report's one-line reason. */
  detected(reason: string): string;
  mitigation: string;
  verification: readonly string[];
  followUp(failed: string, cadence: string, severity: string): readonly string[];
  columns: {
    readonly check: string;
    readonly verdict: string;
    readonly status: string;
    readonly attempts: string;
    readonly latency: string;
    readonly reason: string;
  };
  /** `### ✅ Resolved` */
  resolvedHeading: string;
  /** `### Still failing: …` */
  occurrence(failed: string): string;
  /** `Failing for 1h 5m, since the incident was opened.` */
  stillFailing(openFor: string): string;
  resolved(passing: number, runLink: string, openFor: string): string;
  nextStep: string;
}

export const healthEnglish: HealthPhrases = {
  title: (failed) => `health check failed: ${failed}`,
  more: (count) => `+${count} more`,
  failing: (count, total, environment, since) =>
    `${count} of ${total} checks fail in ${environment} since ${since} (when the monitor run that found it started).`,
  passing: (list) => `Still passing: ${list}.`,
  confirm: 'To confirm: affected endpoints, users and time window.',
  detected: (reason) => `**Detected** by the monitor: ${reason}`,
  mitigation:
    '_To be filled in: what was done to limit the impact (degraded mode, throttling, rollback of a recent change), and its risks._',
  verification: [
    'Resolves by itself: the next monitor run in which every check passes closes this incident.',
    'Then confirm by hand: readiness/liveness endpoints, error rate, p95 latency and request volume back to normal.',
  ],
  followUp: (failed, cadence, severity) => [
    'Confirm the user impact (endpoints, users, time window) and update **Impact**',
    `Find the root cause of ${failed} failing (logs, traces, dependencies, recent changes)`,
    `Post an update here ${cadence} until this is resolved (${severity})`,
    'Write the post-incident report: timeline, root cause, prevention',
    'Update the SLO / error budget status and the backlog priorities',
  ],
  columns: {
    check: 'Check',
    verdict: 'Verdict',
    status: 'Last status',
    attempts: 'Probes',
    latency: 'p50 / p95',
    reason: 'Reason',
  },
  resolvedHeading: '### ✅ Resolved',
  occurrence: (failed) => `### Still failing: ${failed}`,
  stillFailing: (openFor) => `Failing for ${openFor}, since the incident was opened.`,
  resolved: (passing, runLink, openFor) =>
    `All ${passing} check${passing === 1 ? '' : 's'} pass again (run ${runLink}). Closing this incident after ${openFor}.`,
  nextStep: 'Next: the post-incident report (timeline, root cause, prevention).',
};

export const healthKorean: HealthPhrases = {
  title: (failed) => `헬스체크 실패: ${failed}`,
  more: (count) => `외 ${count}개`,
  failing: (count, total, environment, since) =>
    `${environment}에서 점검 ${total}개 중 ${count}개 실패 (${since}부터, 이를 발견한 모니터 실행 시작 시각 기준).`,
  passing: (list) => `정상 점검: ${list}.`,
  confirm: '확인 필요: 영향 받은 엔드포인트, 사용자, 시간대.',
  detected: (reason) => `**탐지**: 모니터 점검 실패: ${reason}`,
  mitigation: '_작성 필요: 영향 완화 조치(강등 모드 전환, 스로틀링, 최근 변경 롤백)와 그 리스크._',
  verification: [
    '자동 해소: 모든 점검이 통과하는 다음 모니터 실행이 이 인시던트를 닫습니다.',
    '이후 직접 확인: readiness/liveness 엔드포인트, 오류율, p95 지연, 요청량 정상화.',
  ],
  followUp: (failed, cadence, severity) => [
    '사용자 영향(엔드포인트, 사용자, 시간대)을 확인하고 **영향** 항목 갱신',
    `${failed} 실패의 근본 원인 파악 (로그, 트레이스, 의존성, 최근 변경)`,
    `해결될 때까지 ${cadence}으로 이곳에 진행 상황 업데이트 (${severity})`,
    '인시던트 보고서 작성: 타임라인, 근본 원인, 예방 조치',
    'SLO/오류 예산 상태와 백로그 우선순위 갱신',
  ],
  columns: {
    check: '점검',
    verdict: '판정',
    status: '마지막 상태',
    attempts: '시도',
    latency: 'p50 / p95',
    reason: '사유',
  },
  resolvedHeading: '### ✅ 복구 완료',
  occurrence: (failed) => `### 계속 실패 중: ${failed}`,
  stillFailing: (openFor) => `인시던트 등록 후 ${openFor} 동안 실패 중.`,
  resolved: (passing, runLink, openFor) =>
    `점검 ${passing}개가 모두 다시 통과했습니다 (워크플로 실행 ${runLink}). 발생 ${openFor} 만에 인시던트를 종료합니다.`,
  nextStep: '남은 일: 사후 보고서 작성 (타임라인, 근본 원인, 재발 방지 대책)',
};

export function healthPhrasesFor(language: Language): HealthPhrases {
  switch (language) {
    case 'en':
      return healthEnglish;
    case 'ko':
      return healthKorean;
    default: {
      const unknown: never = language;
      throw new Error(`unknown language ${String(unknown)}`);
    }
  }
}
