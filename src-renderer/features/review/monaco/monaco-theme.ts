import type * as MonacoApi from 'monaco-editor/editor';

/**
 * Editor colours that sit in the app's theme (src-renderer/app/theme.css and its light variant in
 * overlays.css): the same backgrounds and borders, Monaco's own syntax colours.
 */
const DARK = {
  name: 'skein-dark',
  data: {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#0f1115',
      'editorGutter.background': '#0f1115',
      'editorLineNumber.foreground': '#5b6272',
      'editor.lineHighlightBackground': '#1c1f2680',
      'diffEditor.unchangedRegionBackground': '#15171c',
      'editorWidget.background': '#1c1f26',
      'editorWidget.border': '#363c4a',
      'scrollbarSlider.background': '#363c4a80',
    },
  },
} as const;

const LIGHT = {
  name: 'skein-light',
  data: {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editorGutter.background': '#ffffff',
      'diffEditor.unchangedRegionBackground': '#f6f7f9',
      'editorWidget.border': '#c7ccd6',
    },
  },
} as const;

const LIGHT_QUERY = '(prefers-color-scheme: light)';

/** Defines both themes and keeps Monaco on the one matching the app, also when the system switches. */
export function followAppTheme(monaco: typeof MonacoApi): void {
  monaco.editor.defineTheme(DARK.name, { ...DARK.data, rules: [], colors: { ...DARK.data.colors } });
  monaco.editor.defineTheme(LIGHT.name, { ...LIGHT.data, rules: [], colors: { ...LIGHT.data.colors } });
  const query = window.matchMedia(LIGHT_QUERY);
  const apply = () => monaco.editor.setTheme(query.matches ? LIGHT.name : DARK.name);
  apply();
  query.addEventListener('change', apply);
}

export function currentThemeName(): string {
  return window.matchMedia(LIGHT_QUERY).matches ? LIGHT.name : DARK.name;
}
