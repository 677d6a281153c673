import { createVirtlabApp } from './virtlab-app.ts';

createVirtlabApp().app.synth();
