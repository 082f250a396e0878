/** SNS adapter: alerts (and digests, daily reports) published to a topic. */
export { SnsTopicArnError } from './errors.js';
export { SnsNotifier, type SnsNotifierOptions } from './SnsNotifier.js';
export { MAX_SUBJECT_CHARS, snsSubject } from './subject.js';
