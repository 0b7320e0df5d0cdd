// The API reference for people: every operation of the OpenAPI document under its tag, with parameters,
// request body and responses; schemas as nested lists of their properties. Works without JavaScript.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { DataTable } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { ContentView, OperationView, ReferenceView, SchemaView } from '../reference.ts';

const schemaAnchor = (name: string) => `schema-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function TypeLabel({ ctx, schema }: { ctx: PageContext; schema: SchemaView }) {
  const { t } = ctx;
  if (schema.ref) {
    return (
      <a class="kern-link" href={`#${schemaAnchor(schema.ref)}`}>
        {schema.ref}
      </a>
    );
  }
  const type = schema.type === '' ? t('system.docs.any') : schema.type === 'array' ? t('system.docs.array') : schema.type;
  return <code>{type}</code>;
}

function Constraints({ ctx, schema }: { ctx: PageContext; schema: SchemaView }) {
  if (!schema.constraints.length) return null;
  const words = schema.constraints.map((c) => ctx.t(`system.docs.c.${c.keyword}` as MessageKey, { value: c.value }));
  return <span class="api-constraints"> ({words.join(', ')})</span>;
}

/** A schema's members: properties of an object, the items of a list, the forms of an alternative. */
function SchemaParts({ ctx, schema }: { ctx: PageContext; schema: SchemaView }) {
  const { t } = ctx;
  return (
    <>
      {schema.properties && schema.properties.length > 0 && (
        <ul class="kern-list api-schema">
          {schema.properties.map((p) => (
            <li key={p.name}>
              <code>{p.name}</code> <TypeLabel ctx={ctx} schema={p.schema} />
              {', '}
              {p.required ? t('system.docs.required') : t('system.docs.optional')}
              <Constraints ctx={ctx} schema={p.schema} />
              {p.schema.description && <> – {p.schema.description}</>}
              <SchemaParts ctx={ctx} schema={p.schema} />
            </li>
          ))}
        </ul>
      )}
      {schema.items && (
        <div class="api-schema">
          <p class="kern-body">
            {t('system.docs.items')} <TypeLabel ctx={ctx} schema={schema.items} />
            <Constraints ctx={ctx} schema={schema.items} />
            {schema.items.description && <> – {schema.items.description}</>}
          </p>
          <SchemaParts ctx={ctx} schema={schema.items} />
        </div>
      )}
      {schema.variants && (
        <div class="api-schema">
          <p class="kern-body">{t('system.docs.variants')}</p>
          <ul class="kern-list">
            {schema.variants.map((v, i) => (
              <li key={i}>
                <TypeLabel ctx={ctx} schema={v} />
                <Constraints ctx={ctx} schema={v} />
                <SchemaParts ctx={ctx} schema={v} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function Contents({ ctx, contents }: { ctx: PageContext; contents: ContentView[] }) {
  const { t } = ctx;
  if (!contents.length) return <p class="kern-body">{t('system.docs.noContent')}</p>;
  return (
    <>
      {contents.map((c) => (
        <div key={c.mediaType}>
          <p class="kern-body">
            {t('system.docs.mediaType')} <code>{c.mediaType}</code>
            {c.schema && (
              <>
                {': '}
                <TypeLabel ctx={ctx} schema={c.schema} />
                <Constraints ctx={ctx} schema={c.schema} />
                {c.schema.description && <> – {c.schema.description}</>}
              </>
            )}
          </p>
          {c.schema && <SchemaParts ctx={ctx} schema={c.schema} />}
        </div>
      ))}
    </>
  );
}

function Operation({ ctx, op }: { ctx: PageContext; op: OperationView }) {
  const { t } = ctx;
  return (
    <section class="api-operation" aria-labelledby={op.id}>
      <h3 class="kern-heading-small" id={op.id}>
        <span class="api-method">{op.method}</span> <code>{op.path}</code>
      </h3>
      {op.summary && <p class="kern-body">{op.summary}</p>}
      {op.description && <p class="kern-body">{op.description}</p>}
      {op.parameters.length > 0 && (
        <>
          <h4 class="kern-heading-small">{t('system.docs.parameters')}</h4>
          <DataTable
            caption={`${t('system.docs.parameters')}: ${op.method} ${op.path}`}
            headers={[
              t('system.docs.col.name'),
              t('system.docs.col.in'),
              t('system.docs.col.type'),
              t('system.docs.col.required'),
              t('system.docs.col.description'),
            ]}
            rows={op.parameters.map((p) => ({
              key: `${p.in}-${p.name}`,
              cells: [
                <code>{p.name}</code>,
                t(`system.docs.in.${p.in}` as MessageKey),
                <>
                  <TypeLabel ctx={ctx} schema={p.schema} />
                  <Constraints ctx={ctx} schema={p.schema} />
                </>,
                p.required ? t('common.yes') : t('common.no'),
                p.description ?? p.schema.description ?? '',
              ],
            }))}
          />
        </>
      )}
      {op.requestBody && (
        <>
          <h4 class="kern-heading-small">{t('system.docs.body')}</h4>
          {op.requestBody.description && <p class="kern-body">{op.requestBody.description}</p>}
          <Contents ctx={ctx} contents={op.requestBody.contents} />
        </>
      )}
      <h4 class="kern-heading-small">{t('system.docs.responses')}</h4>
      {op.responses.map((r) => (
        <div class="api-response" key={r.status}>
          <h5 class="kern-heading-small">
            {t('system.docs.status', { status: r.status })}: {r.description}
          </h5>
          <Contents ctx={ctx} contents={r.contents} />
        </div>
      ))}
    </section>
  );
}

const tagLabel = (ctx: PageContext, tag: string) => (tag === 'other' ? ctx.t('system.docs.other') : tag);

export function ApiDocsPage({ ctx, reference, documentPath, openapi }: { ctx: PageContext; reference: ReferenceView; documentPath: string; openapi: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('system.docs.title')}>
      <h1 class="kern-heading-large">{t('system.docs.title')}</h1>
      <p class="kern-body">{t('system.docs.intro')}</p>
      {reference.description && <p class="kern-body">{reference.description}</p>}
      <p class="kern-body">
        {reference.title} · {t('system.docs.version', { version: reference.version, openapi })}
      </p>
      <p class="kern-body">
        <a class="kern-link" href={documentPath} type="application/json">
          {t('system.docs.document')}
        </a>
      </p>
      {reference.groups.length === 0 ? (
        <p class="kern-body">{t('system.docs.empty')}</p>
      ) : (
        <nav aria-labelledby="api-contents">
          <h2 class="kern-heading-medium" id="api-contents">
            {t('system.docs.contents')}
          </h2>
          <ul class="kern-list">
            {reference.groups.map((g) => (
              <li key={g.tag}>
                <a class="kern-link" href={`#tag-${g.tag}`}>
                  {tagLabel(ctx, g.tag)}
                </a>
                {g.description && <> – {g.description}</>}
                <ul class="kern-list">
                  {g.operations.map((op) => (
                    <li key={op.id}>
                      <a class="kern-link" href={`#${op.id}`}>
                        {op.method} {op.path}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {reference.schemas.length > 0 && (
              <li>
                <a class="kern-link" href="#schemas">
                  {t('system.docs.schemas')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
      {reference.groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag}`}>
          <h2 class="kern-heading-medium" id={`tag-${g.tag}`}>
            {tagLabel(ctx, g.tag)}
          </h2>
          {g.description && <p class="kern-body">{g.description}</p>}
          {g.operations.map((op) => (
            <Operation ctx={ctx} op={op} key={op.id} />
          ))}
        </section>
      ))}
      {reference.schemas.length > 0 && (
        <section aria-labelledby="schemas">
          <h2 class="kern-heading-medium" id="schemas">
            {t('system.docs.schemas')}
          </h2>
          {reference.schemas.map((s) => (
            <div key={s.name}>
              <h3 class="kern-heading-small" id={schemaAnchor(s.name)}>
                {s.name}
              </h3>
              {s.schema.description && <p class="kern-body">{s.schema.description}</p>}
              <p class="kern-body">
                <TypeLabel ctx={ctx} schema={{ ...s.schema, ref: undefined }} />
              </p>
              <SchemaParts ctx={ctx} schema={s.schema} />
            </div>
          ))}
        </section>
      )}
    </Layout>
  );
}
