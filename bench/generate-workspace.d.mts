export declare const FILES_PER_MODULE: number;
/** Writes `count` Terraform files under `dir` (module folders of 10) and returns their paths. */
export declare function writeTerraformWorkspace(dir: string, count: number): string[];
