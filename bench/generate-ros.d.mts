/** A deterministic ROS YAML template of about `targetBytes` bytes (see generate-ros.mjs). */
export declare function generateRosYaml(targetBytes: number): string;
