/** `tsx functions/lambda/write-course-snapshot.ts <content dir> <out file>`: the bundling hook that writes course.json. */
import { writeFileSync } from 'node:fs';
import { loadCourse } from '../adapters/course-fs.ts';

const [contentDir, outFile] = process.argv.slice(2);
if (!contentDir || !outFile) throw new Error('usage: write-course-snapshot.ts <content dir> <out file>');
writeFileSync(outFile, JSON.stringify(await loadCourse(contentDir)));
