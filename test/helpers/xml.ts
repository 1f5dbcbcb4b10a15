// A strict parser for the XML subset that SVG files use (elements, attributes in double or single
// quotes, text, comments, an optional XML declaration): enough to prove a document well-formed and
// to count its elements. Throws on anything not well-formed.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITY = /^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${what} (near ${JSON.stringify(source.slice(i, i + 30))})`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const readText = (until: string): string => {
    let text = '';
    while (i < source.length && !source.startsWith(until, i)) {
      if (source[i] === '&') {
        const entity = ENTITY.exec(source.slice(i));
        if (!entity) fail('bad entity reference');
        text += entity![0];
        i += entity![0].length;
      } else if (source[i] === '<' && until !== '<') fail("'<' inside a value");
      else text += source[i++];
    }
    return text;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated declaration');
        i = end + 2;
      } else return;
    }
  };
  const readElement = (): XmlElement => {
    if (source[i] !== '<') fail("expected '<'");
    i++;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return element;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const attribute = NAME.exec(source.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attribute.length;
      if (attribute in element.attributes) fail(`duplicate attribute ${attribute}`);
      skipSpace();
      if (source[i] !== '=') fail("expected '='");
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      i++;
      element.attributes[attribute] = readText(quote!);
      if (i >= source.length) fail('unterminated attribute value');
      i++;
    }
    for (;;) {
      element.text += readText('<');
      if (i >= source.length) fail(`unclosed element <${name}>`);
      if (source.startsWith('</', i)) {
        i += 2;
        if (!source.startsWith(name, i)) fail(`mismatched closing tag for <${name}>`);
        i += name.length;
        skipSpace();
        if (source[i] !== '>') fail("expected '>'");
        i++;
        return element;
      }
      if (source.startsWith('<!--', i)) skipMisc();
      else element.children.push(readElement());
    }
  };
  skipMisc();
  const root = readElement();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** Every element in document order, the root first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
