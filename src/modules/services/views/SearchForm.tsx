import type { Translate } from '../../../platform/i18n/index.ts';
import { MAX_QUERY_LENGTH } from '../search.ts';

/** "Was möchten Sie erledigen?": a plain GET form, so it works without JavaScript and its results can be linked. */
export function SearchForm({ t, slug, query = '' }: { t: Translate; slug: string; query?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search element is not yet known to every screen reader; a form with role="search" is
    <form method="get" action={`/${slug}/suche`} role="search" class="filter-bar search-form">
      <div class="kern-form-input">
        <label class="kern-label" for="suche-q">
          {t('search.label')}
        </label>
        <div class="kern-hint" id="suche-q-hint">
          {t('search.hint')}
        </div>
        <input
          class="kern-form-input__input"
          type="search"
          id="suche-q"
          name="q"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby="suche-q-hint"
        />
      </div>
      <button type="submit" class="kern-btn kern-btn--primary">
        <span class="kern-label">{t('search.submit')}</span>
      </button>
    </form>
  );
}
