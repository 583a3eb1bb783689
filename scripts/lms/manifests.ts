/**
 * The descriptors that tell an LMS what the package is: `imsmanifest.xml` for SCORM 1.2 and SCORM 2004
 * (4th Edition), `cmi5.xml` for cmi5. The course is one SCO (one AU in cmi5) that reports every lesson itself,
 * so the course's own gating, review and certificate work the same inside an LMS.
 */
export interface PackageInfo {
  /** A stable identifier for the course; an IRI for cmi5 (it identifies the course in LRS statements). */
  courseId: string;
  title: string;
  description: string;
  /** Every file of the built site, relative to the package root, with `/` separators. */
  files: readonly string[];
}

const xmlHeader = '<?xml version="1.0" encoding="UTF-8"?>';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** XML identifiers (xs:ID) cannot contain ':' or '/' and must start with a letter. */
function xmlId(text: string): string {
  return `course-${text.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}

function fileList(files: readonly string[], indent: string): string {
  return files.map((file) => `${indent}<file href="${escapeXml(file)}"/>`).join('\n');
}

/** One organization with one item, launching the one SCO that holds every file. SCORM 2004 spells scormType. */
function organizationAndSco(
  id: string,
  info: PackageInfo,
  scormTypeAttribute: 'scormtype' | 'scormType',
): string {
  return `  <organizations default="${id}-organization">
    <organization identifier="${id}-organization">
      <title>${escapeXml(info.title)}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${escapeXml(info.title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:${scormTypeAttribute}="sco" href="index.html">
${fileList(info.files, '      ')}
    </resource>
  </resources>
`;
}

export function scorm12Manifest(info: PackageInfo): string {
  const id = xmlId(info.courseId);
  return `${xmlHeader}
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
${organizationAndSco(id, info, 'scormtype')}</manifest>
`;
}

export function scorm2004Manifest(info: PackageInfo): string {
  const id = xmlId(info.courseId);
  return `${xmlHeader}
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
${organizationAndSco(id, info, 'scormType')}</manifest>
`;
}

/** The course is passed and completed by its own rules, so the AU moves on when both were reported. */
export function cmi5CourseStructure(info: PackageInfo): string {
  const text = (value: string) => `<langstring lang="en">${escapeXml(value)}</langstring>`;
  return `${xmlHeader}
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(info.courseId)}">
    <title>${text(info.title)}</title>
    <description>${text(info.description)}</description>
  </course>
  <au id="${escapeXml(`${info.courseId}/au`)}" moveOn="CompletedAndPassed" launchMethod="AnyWindow">
    <title>${text(info.title)}</title>
    <description>${text(info.description)}</description>
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
