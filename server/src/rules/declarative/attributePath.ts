/**
 * What a rule may name as a setting to add or change: attribute names (HCL identifiers, ROS property names)
 * joined by dots. A fix writes the path into the document as it is, so anything else — a newline, `=`, a brace,
 * a quote — would let a rules file write arbitrary configuration (a `local-exec` provisioner, say) into the user's
 * template. Checked when rules load and again where the edit is built.
 */
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

export function isAttributePath(path: string): boolean {
  const segments = path.split('.');
  return segments.length <= 16 && segments.every((segment) => SEGMENT.test(segment));
}
