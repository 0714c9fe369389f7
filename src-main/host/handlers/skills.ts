import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerSkillHandlers(router: Router, services: Pick<HostServices, 'skills'>): void {
  const { skills } = services;
  router.register('skills/list', (context) => skills.list(context));
  router.register('skills/get', ({ path, ...context }) => skills.get(path, context));
  router.register('skills/validate', ({ content, folderName }) => ({
    problems: skills.validate(content, folderName),
  }));
  router.register('skills/create', ({ name, description, ...target }) =>
    skills.create(target, name, description),
  );
  router.register('skills/save', ({ path, content, ...context }) => skills.save(path, content, context));
  router.register('skills/duplicate', ({ path, newName, ...context }) =>
    skills.duplicate(path, newName, context),
  );
  router.register('skills/rename', ({ path, newName, ...context }) => skills.rename(path, newName, context));
  router.register('skills/delete', async ({ path }) => ({ entry: await skills.remove(path) }));
  router.register('skills/trash', async () => ({ entries: await skills.trash() }));
  router.register('skills/restore', ({ trashId }) => skills.restore(trashId));
  router.register('skills/setEnabled', ({ name, enabled, ...target }) => {
    skills.setEnabled(target, name, enabled);
    return { ok: true as const };
  });
  router.register('skills/importPreview', ({ source }) => skills.importPreview(source));
  router.register('skills/import', async (params) => ({ skills: await skills.importSkills(params) }));
  router.register('skills/copyTo', ({ path, ...target }) => skills.copyTo(path, target));
}
