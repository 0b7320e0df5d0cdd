// The package ships types for its model but none for its entry point: what this module uses of it.
declare module 'bpmn-moddle' {
  /** A model element: its type (`bpmn:UserTask`), its properties, and the attributes of foreign namespaces. */
  export interface ModdleElement {
    $type: string;
    $attrs?: Record<string, string>;
    $parent?: ModdleElement;
    $instanceOf(type: string): boolean;
    // biome-ignore lint/suspicious/noExplicitAny: properties differ by element type; bpmn.ts reads them by name
    [property: string]: any;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Array<Error & { element?: ModdleElement; property?: string }>;
    elementsById: Record<string, ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, options?: { lax?: boolean }): Promise<ParseResult>;
    fromXML(xml: string, typeName: string, options?: { lax?: boolean }): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
}
