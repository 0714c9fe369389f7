import { useEffect, useState } from 'react';
import type { Skill, SkillRoot } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { useSkillsVersion } from './skills-slice';

export interface SkillContext {
  projectId?: string;
  threadId?: string;
}

export interface SkillList {
  skills: Skill[] | null;
  roots: SkillRoot[];
  error: string | null;
}

/**
 * `skills/list` for a project or thread, fetched again on every `skills/changed` and reconnect;
 * not at all until `enabled` (a listing starts the host watching folders).
 */
export function useSkillList(context: SkillContext, enabled = true): SkillList {
  const client = useSession((s) => s.client);
  const version = useSkillsVersion((s) => s.version);
  const [list, setList] = useState<SkillList>({ skills: null, roots: [], error: null });
  const { projectId, threadId } = context;

  useEffect(() => {
    if (!client || !enabled) return;
    let cancelled = false;
    client.api.skills.list({ projectId, threadId }).then(
      (result) => {
        if (!cancelled) setList({ skills: result.skills, roots: result.roots, error: null });
      },
      (error: unknown) => {
        if (!cancelled)
          setList((held) => ({ ...held, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, version, projectId, threadId, enabled]);

  return list;
}
