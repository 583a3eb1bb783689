import { describe, expect, it } from 'vitest';
import { cmi5CourseStructure, scorm12Manifest, scorm2004Manifest, type PackageInfo } from './manifests.ts';
import { schemaProblems } from './schemaCheck.ts';

const info: PackageInfo = {
  courseId: 'https://courses.example.edu/distributed-databases-live',
  title: 'Distributed Databases, Live & <friends>',
  description: 'Replication, sharding, consistency and failover.',
  files: ['index.html', 'assets/index-abc123.js', 'assets/01-introduction-x.js', 'favicon.svg'],
};

describe('LMS package descriptors against the published XSDs', () => {
  it('SCORM 1.2 imsmanifest.xml is valid (IMS CP 1.1.2 + ADL adlcp_rootv1p2) and lists every file', async () => {
    const xml = scorm12Manifest(info);
    expect(await schemaProblems('scorm12', xml)).toEqual([]);
    expect(xml).toContain('adlcp:scormtype="sco" href="index.html"');
    for (const file of info.files) expect(xml).toContain(`<file href="${file}"/>`);
  });

  it('SCORM 2004 4th Edition imsmanifest.xml is valid (IMS CP 1.1.4 + ADL CAM 1.3)', async () => {
    const xml = scorm2004Manifest(info);
    expect(await schemaProblems('scorm2004', xml)).toEqual([]);
    expect(xml).toContain('<schemaversion>2004 4th Edition</schemaversion>');
  });

  it('cmi5.xml is valid against CourseStructure.xsd and moves on when completed and passed', async () => {
    const xml = cmi5CourseStructure(info);
    expect(await schemaProblems('cmi5', xml)).toEqual([]);
    expect(xml).toContain('moveOn="CompletedAndPassed"');
  });

  it('the check catches a broken descriptor (a SCO without its scormtype, a cmi5 AU without a URL)', async () => {
    const noScormType = scorm12Manifest(info).replace(' adlcp:scormtype="sco"', ' adlcp:scormtype="lesson"');
    expect((await schemaProblems('scorm12', noScormType)).join('\n')).toMatch(/scormtype/);
    const noUrl = cmi5CourseStructure(info).replace('<url>index.html</url>', '');
    expect(await schemaProblems('cmi5', noUrl)).not.toEqual([]);
  });
});
