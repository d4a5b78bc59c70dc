import { existsSync } from 'node:fs';
import { loadYamlFile } from '../yaml-file';
import { z } from '../zod';

const synonymsSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));

/** How staff talk → how the documents say it (老赖 → 失信被执行人), from data/synonyms.yaml. */
export type Synonyms = Record<string, string[]>;

export function loadSynonyms(file: string): Synonyms {
  return existsSync(file) ? loadYamlFile(file, synonymsSchema) : {};
}
