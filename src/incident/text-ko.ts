import type { Narrative, Phrases } from './language.js';
import type { Severity } from './severity.js';
import { updateCadenceMs } from './severity.js';

/**
 * Korean, as an operator writes an incident report: 개조식 (short noun-ending bullets: `~함`, `~됨`,
 * `~필요`), the runbook's own words (영향, 원인, 임시조치, 복구검증, 후속조치, 추정 원인/확정 원인,
 * 완화/복구 ETA), KST times. Versions are followed by `버전` so the particle after them is always right.
 */

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  if (seconds < 60) return `${seconds}초`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}분` : `${minutes}분 ${seconds % 60}초`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}시간` : `${hours}시간 ${minutes % 60}분`;
}

const cadence = (severity: Severity): string => `${updateCadenceMs(severity) / 60_000}분 간격`;

/** `1.4.1 버전`, or `이전 버전` when there was none. */
const previous = (n: Narrative): string => (n.previousVersion ? `${code(n.previousVersion)} 버전` : '이전 버전');
const version = (n: Narrative): string => (n.version ? `${code(n.version)} 버전` : '새 버전');

/** 롤백 실행(롤백 액션의 리포트)의 영향. */
function rollbackImpact(n: Narrative): string[] {
  const from = n.previousVersion ? `${code(n.previousVersion)} 버전에서 ` : '';
  const why = n.rollbackReason ? ` (사유: ${n.rollbackReason})` : '';
  return n.kind === 'rolled-back'
    ? [`${code(n.environment)} ${from}${version(n)}으로 롤백함${why}`, CONFIRM]
    : [`⚠️ ${code(n.environment)} ${from}${version(n)}으로 롤백 실패: 어느 버전이 서비스 중인지 확인 필요`, CONFIRM];
}

/** 롤백된 배포의 영향: 트래픽을 받기 전이면 없음, 아니면 노출 구간. */
function rolledBackImpact(n: Narrative, exposure: string | undefined): string[] {
  if (n.exposure?.maxWeight === 0) {
    return [
      `사용자 트래픽 영향 없음: ${version(n)}이 트래픽을 받기 전에 실패함`,
      `${previous(n)}이 ${code(n.environment)} 트래픽 전체를 계속 처리함`,
    ];
  }
  const backMs = n.exposure?.trafficBackMs ?? n.restoredMs;
  const back = backMs !== undefined ? [`${n.time(backMs)} 이후 트래픽 100% ${previous(n)}으로 복귀`] : [];
  if (exposure) return [exposure, '이 구간에 해당 버전으로 간 요청 일부가 실패했을 가능성 있음', ...back, CONFIRM];
  return [
    `롤백 완료 전까지 ${code(n.environment)}에서 ${version(n)}이 서비스됨: 이 구간의 요청 일부가 실패했을 가능성 있음`,
    ...back,
    CONFIRM,
  ];
}

function exposureLine(n: Narrative): string | undefined {
  const e = n.exposure;
  if (!e) return undefined;
  const window =
    e.fromMs !== undefined && e.untilMs !== undefined
      ? ` (${n.span(e.fromMs, e.untilMs)}, ${duration(e.untilMs - e.fromMs)})`
      : '';
  if (e.maxWeight !== undefined && e.maxWeight > 0) {
    const who = n.strategy === 'canary' ? `${version(n)} 카나리가` : `${version(n)}이`;
    return `${who} ${code(n.environment)} 트래픽의 최대 ${e.maxWeight}%를 처리함${window}`;
  }
  if (e.instances.length > 0) {
    return `인스턴스 ${e.instances.length}대(${e.instances.map(code).join(', ')})에서 ${version(n)} 실행됨${window}`;
  }
  return undefined;
}

/** The runbook's "SEV 보고 형식", item for item. */
const REPORT_ASKS: Readonly<Record<Severity, string>> = {
  'SEV-1': '현재 영향 범위, 고객 영향, 우회 불가 여부, 임시조치 ETA, 최종 복구 ETA',
  'SEV-2': '주요 기능 영향 범위, 우회 가능 여부, 완화/복구 ETA',
  'SEV-3': '부분 영향 범위, 임시 우회 경로, 영구 조치 일정',
};

const CONFIRM = '영향 받은 엔드포인트·사용자·시간대 범위 확인 필요';

export const korean: Phrases = {
  language: 'ko',
  zone: { name: 'KST', offsetMs: 9 * 3_600_000 },
  headings: {
    impact: '영향',
    cause: '원인',
    mitigation: '임시조치',
    verification: '복구검증',
    followUp: '후속조치',
    timeline: '타임라인',
  },
  fields: {
    service: '서비스',
    environment: '환경',
    version: '배포 버전',
    previousVersion: '이전 버전',
    strategy: '배포 전략',
    result: '결과',
    run: '워크플로 실행',
    commit: '커밋',
    deployment: '디플로이먼트',
  },
  columns: {
    time: '시각',
    step: '단계',
    outcome: '결과',
    detail: '상세',
    metric: '지표',
    verdict: '판정',
    condition: '기준',
    values: '측정값',
    reason: '사유',
    check: '점검 대상',
    latency: 'p95',
  },
  queries: '쿼리',
  stepOutcome: (outcome) =>
    ({ succeeded: '✅ 성공', failed: '❌ 실패', skipped: '⏭ 건너뜀', cancelled: '⏹ 취소됨' })[outcome],
  gateVerdict: (verdict) => ({ passed: '통과', failed: '실패' })[verdict],
  metricVerdict: (verdict) =>
    ({ Successful: '✅ 정상', Failed: '❌ 기준 초과', Inconclusive: '❔ 판단 불가', Error: '⚠️ 측정 오류' })[verdict],
  checkVerdict: (verdict) => ({ healthy: '✅ 정상', unhealthy: '❌ 비정상', undecided: '⏸ 판정 전' })[verdict],
  result(n) {
    if (n.operation === 'rollback') {
      if (n.kind === 'rolled-back') return '롤백 완료';
      if (n.kind === 'no-failure') return n.result ?? '—';
      return '롤백 실패';
    }
    switch (n.kind) {
      case 'rolled-back':
        return '배포 실패, 자동 롤백 완료';
      case 'rollback-failed':
        return '배포 실패, 롤백 실패';
      case 'rollback-off':
        return '배포 실패, 자동 롤백 꺼짐';
      case 'failed-unchanged':
        return '배포 실패 (변경 전 중단)';
      case 'no-failure':
        return {
          succeeded: '배포 성공',
          noop: '변경 없음',
          planned: '계획만 수립 (dry-run)',
          'rolled-back': '',
          failed: '',
          aborted: '',
        }[n.result ?? 'succeeded'];
      case undefined:
        return '—';
      default: {
        const unknown: never = n.kind;
        return String(unknown);
      }
    }
  },
  duration,
  cadence,
  run: (runId, attempt) => (attempt > 1 ? `#${runId} (${attempt}차 시도)` : `#${runId}`),

  title(n) {
    const v = n.version ?? '새 버전';
    if (n.operation === 'rollback') {
      if (n.kind === 'rolled-back')
        return n.previousVersion ? `${n.previousVersion} → ${v} 롤백 완료` : `${v} 버전으로 롤백 완료`;
      if (n.kind !== undefined && n.kind !== 'no-failure') return `${v} 버전으로 롤백 실패`;
    }
    switch (n.kind) {
      case 'rolled-back':
        return n.previousVersion
          ? `${v} 배포 실패, ${n.previousVersion} 버전으로 자동 롤백`
          : `${v} 배포 실패, 이전 버전으로 자동 롤백`;
      case 'rollback-failed':
        return `${v} 배포 실패, 롤백도 실패`;
      case 'rollback-off':
        return `${v} 배포 실패, 자동 롤백 꺼짐`;
      case 'failed-unchanged':
        return `${v} 배포 실패 (변경 전 중단)`;
      case 'no-failure':
        return `${v} 배포 중 인시던트`;
      case undefined:
        return n.version ? `${n.version} 인시던트` : '인시던트';
      default: {
        const unknown: never = n.kind;
        return String(unknown);
      }
    }
  },
  status: (severity, runLink, nextUpdate) =>
    `> **${severity}** · shipgate가 워크플로 실행 ${runLink}에서 자동 등록 · ${nextUpdate}`,
  nextUpdate: (severity, dueMs, time) => `**다음 업데이트 예정: ${time(dueMs)}** (${severity}: ${cadence(severity)})`,

  impact(n) {
    if (n.operation === 'rollback') return rollbackImpact(n);
    const exposure = exposureLine(n);
    switch (n.kind) {
      case 'rolled-back':
        return rolledBackImpact(n, exposure);
      case 'rollback-failed':
        return [
          `⚠️ 롤백 실패로 ${code(n.environment)}에 ${version(n)}이 일부 또는 전부 남아 있을 수 있음`,
          ...(exposure ? [exposure] : []),
          CONFIRM,
        ];
      case 'rollback-off':
        return [
          `⚠️ 자동 롤백이 꺼져 있어 ${code(n.environment)}에서 ${version(n)}이 계속 서비스 중`,
          ...(exposure ? [exposure] : []),
          CONFIRM,
        ];
      case 'failed-unchanged':
        return [`영향 없음(예상): 변경 전 단계에서 배포가 중단되어 ${previous(n)}이 계속 서비스 중`];
      case 'no-failure':
      case undefined:
        return [korean.toFill('impact')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  detected: (step, reason) => `**추정 원인** (shipgate 자동 판정): ${code(step)} 단계 실패: ${reason}`,
  hookFailed: (step, hook, exitCode, took, timedOut) =>
    timedOut || exitCode === null
      ? `${code(step)} 단계의 ${code(hook)} 훅이 ${took} 만에 강제 종료됨${timedOut ? ' (시간 초과)' : ''}`
      : `${code(step)} 단계의 ${code(hook)} 훅 실패 (종료 코드 ${exitCode}, ${took})`,
  failureReason: (reason) => `실패 사유: ${reason}`,
  rootCause: '**확정 원인:** _분석 후 기재 (로그, 트레이스, 최근 변경 사항)_',

  mitigation(n) {
    switch (n.kind) {
      case 'rolled-back': {
        const at = n.restoredMs !== undefined ? ` (${n.time(n.restoredMs)})` : '';
        return n.operation === 'rollback'
          ? [`${version(n)}으로 롤백 완료${at}`]
          : [`${previous(n)}으로 자동 롤백 완료${at}`];
      }
      case 'rollback-failed': {
        const target = n.operation === 'rollback' ? n.version : n.previousVersion;
        return [
          `⚠️ ${n.operation === 'rollback' ? version(n) : previous(n)}으로 자동 롤백 **실패**`,
          ...n.rollbackFailures.map((failure) => `  - ${failure}`),
          `즉시 수동 롤백 필요: Rollback 워크플로 실행 (${code(`to-version: ${target ?? '<마지막 정상 버전>'}`)}) 또는 런북의 수동 롤백 절차 수행`,
        ];
      }
      case 'rollback-off':
        return [
          `자동 롤백 꺼짐 (${code('rollback-on-error: false')}): 롤백 미실행`,
          `${previous(n)}으로 롤백(Rollback 워크플로)할지, 수정 배포할지 즉시 결정 필요`,
        ];
      case 'failed-unchanged':
        return ['롤백 불필요: 변경 전 단계에서 배포 중단됨'];
      case 'no-failure':
      case undefined:
        return [korean.toFill('mitigation')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  verificationPassed: (step, at, reason) => `✅ 롤백 후 헬스 게이트 통과 (${at}, ${code(step)} 단계): ${reason}`,
  verificationFailed: (step, at, reason) => `⚠️ 롤백 후 헬스 게이트 **실패** (${at}, ${code(step)} 단계): ${reason}`,
  verificationMissing(n) {
    switch (n.kind) {
      case 'rolled-back':
        return [
          '롤백 후 자동 검증 없음. 수동 확인 후 확인 시각 기록 필요: readiness/liveness 엔드포인트, 오류율, p95 지연, 요청량 정상화',
        ];
      case 'rollback-failed':
      case 'rollback-off':
        return [
          `아직 복구 전: ${code(n.environment)} 환경이 ${previous(n)}으로 돌아온 뒤 헬스 엔드포인트, 오류율, p95 지연 확인 필요`,
        ];
      case 'failed-unchanged':
        return [`변경 없음: ${previous(n)} 정상 여부(헬스 엔드포인트, 오류율)만 확인`];
      case 'no-failure':
      case undefined:
        return [korean.toFill('verification')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  followUp(n) {
    const items: string[] = [];
    if (n.kind === 'rollback-failed') items.push(`${code(n.environment)} 수동 복구 및 정상 여부 확인`);
    if (n.kind === 'rollback-off') items.push(`${previous(n)}으로 롤백할지, 수정 배포할지 결정`);
    items.push('영향 범위(엔드포인트, 사용자, 시간대) 확인 후 **영향** 항목 갱신');
    items.push(
      n.failedChecks.length > 0
        ? `${version(n)}의 ${n.failedChecks.map(code).join(', ')} 실패 근본 원인 분석 (로그, 트레이스, 최근 변경 사항)`
        : `${version(n)} 배포 실패 근본 원인 분석 (로그, 트레이스, 최근 변경 사항)`,
    );
    if (n.kind !== undefined && n.kind !== 'no-failure' && n.operation === 'deploy') {
      items.push(`수정 후 재배포, 또는 ${previous(n)} 유지 결정과 사유 기록`);
    }
    items.push(`해결 전까지 ${cadence(n.severity)}으로 이 이슈에 상황 업데이트 (${n.severity})`);
    items.push('사후 보고서 작성: 타임라인, 근본 원인, 재발 방지 대책');
    items.push('SLO/오류 예산 상태 및 백로그 우선순위 갱신');
    return items;
  },
  toFill: (section) =>
    ({
      impact: '_작성 필요: 사용자/엔드포인트/시간대 영향 범위_',
      cause: '_작성 필요: 추정 원인과 확정 원인 구분_',
      mitigation: '_작성 필요: 즉시 완화 조치 및 리스크_',
      verification: '_작성 필요: 복구 확인 지표와 확인 시각_',
      followUp: '_작성 필요_',
    })[section],

  timeline: {
    started: (n) =>
      `${version(n)} ${n.operation === 'rollback' ? '롤백' : '배포'} 시작${n.strategy ? ` (${n.strategy})` : ''}`,
    finished: (n) => `${n.operation === 'rollback' ? '롤백' : '배포'} 종료: ${korean.result(n)}`,
    opened: '인시던트 등록',
    commented: '인시던트 업데이트',
    rollbackStep: (name) => `↩ 롤백: ${name}`,
    exitCode: (hook, exitCode, timedOut) =>
      timedOut || exitCode === null
        ? `${code(hook)} 훅 강제 종료${timedOut ? ' (시간 초과)' : ''}`
        : `${code(hook)} 훅 종료 코드 ${exitCode}`,
  },
  occurrence: (n, runLink) => `### 재발: ${korean.title(n)}\n\n> **${n.severity}** · 워크플로 실행 ${runLink}`,
  resolved(input) {
    const what = input.version
      ? `${code(input.service)} ${code(input.version)} 버전이`
      : `${code(input.service)} 서비스가`;
    const lead = input.succeeded
      ? `${what} ${code(input.environment)}에 정상 배포됨 (워크플로 실행 ${input.runLink}).`
      : `워크플로 실행 ${input.runLink}에서 복구 확인.`;
    return [
      '### ✅ 복구 완료',
      '',
      `${lead} 발생 ${input.openFor} 만에 인시던트를 종료합니다.`,
      '',
      '남은 일: 사후 보고서 작성 (타임라인, 근본 원인, 재발 방지 대책)',
    ].join('\n');
  },
  reminder: (input) => {
    const who = input.mentions.length > 0 ? `${input.mentions.map((name) => `@${name}`).join(' ')} ` : '';
    const nobody = input.mentions.length === 0 ? ' 담당자가 지정되지 않았습니다. 담당자 지정이 필요합니다.' : '';
    return [
      `${who}⏰ **업데이트 필요.** 이 ${input.severity} 인시던트는 ${input.quietFor}째 업데이트가 없습니다 (${input.severity}: ${cadence(input.severity)}).${nobody}`,
      '',
      `다음 내용을 공유해 주세요: ${REPORT_ASKS[input.severity]}.`,
    ].join('\n');
  },
};
