/**
 * Validates a package descriptor against the published XSDs in scripts/lms/schemas with libxml2 (xmllint
 * compiled to WebAssembly). A descriptor mixes namespaces (IMS packaging plus ADL's extensions), so each check
 * uses a small schema that imports every namespace the descriptor uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

export type DescriptorKind = 'scorm12' | 'scorm2004' | 'cmi5';

const schemasDir = path.resolve(import.meta.dirname, 'schemas');

const imports: Record<DescriptorKind, Record<string, string>> = {
  scorm12: {
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
    'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
  },
  scorm2004: {
    'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
    'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
    'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
  },
  cmi5: { 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd': 'CourseStructure.xsd' },
};

/** The schema files a package ships beside its descriptor (SCORM packages carry their XSDs). */
export function schemaFiles(kind: DescriptorKind): { name: string; contents: string }[] {
  const dir = path.join(schemasDir, kind);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.xsd'))
    .sort()
    .map((name) => ({ name, contents: readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * SCORM 1.2's ims_xml.xsd (the schema of the xml: namespace, for xml:lang) declares that namespace as its
 * default, which libxml2 refuses to compile; W3C's own xml.xsd (shipped with SCORM 2004) defines the same
 * attributes and stands in for it. The IMS and ADL schemas themselves are used unchanged. SCORM 1.2's IMS
 * Metadata schema (imsmd_rootv1p2p1.xsd) is not imported: libxml2 rejects its content models as
 * non-deterministic, and the manifest carries no IMS metadata.
 */
function w3cXmlNamespaceSchema(): string {
  return readFileSync(path.join(schemasDir, 'scorm2004', 'xml.xsd'), 'utf8');
}

/** Every problem libxml2 finds, as `line N: message`; empty when the descriptor is valid. */
export async function schemaProblems(kind: DescriptorKind, xml: string): Promise<string[]> {
  const entry = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${Object.entries(imports[kind])
  .map(([namespace, file]) => `  <xs:import namespace="${namespace}" schemaLocation="${file}"/>`)
  .join('\n')}
</xs:schema>`;
  const result = await validateXML({
    xml: [{ fileName: 'descriptor.xml', contents: xml }],
    schema: [{ fileName: 'entry.xsd', contents: entry }],
    preload: schemaFiles(kind).map(({ name, contents }) => ({
      fileName: name,
      contents: name === 'ims_xml.xsd' ? w3cXmlNamespaceSchema() : contents,
    })),
  });
  return result.errors.map((error) => `line ${error.loc?.lineNumber ?? '?'}: ${error.message}`);
}
