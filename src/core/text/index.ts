// Text for where it is shown: terminals (escapes git-style) and Markdown written for others to read.
export { escapeControls, escapeJsonControls, quoteName } from './terminal';
