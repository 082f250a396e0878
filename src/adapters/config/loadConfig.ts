/**
 * Finds and loads the configuration: `--config FILE` first, then the LOGSIFT_CONFIG environment
 * variable (JSON text, as the Lambda functions get it), then LOGSIFT_CONFIG_FILE (a path), else
 * the defaults. Errors name the source and the field.
 */
import { readFileSync } from 'node:fs';
import { type Config, ConfigError, defaultConfig, parseConfigText } from '../../core/config.js';

export interface ConfigSources {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig({ file, env = process.env }: ConfigSources = {}): Config {
  if (file) return loadConfigFile(file);
  const inline = env.LOGSIFT_CONFIG;
  if (inline !== undefined && inline.trim() !== '') return parseConfigText(inline, 'LOGSIFT_CONFIG');
  if (env.LOGSIFT_CONFIG_FILE) return loadConfigFile(env.LOGSIFT_CONFIG_FILE);
  return defaultConfig();
}

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [
      `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    ]);
  }
  return parseConfigText(text, path);
}
