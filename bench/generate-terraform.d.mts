/** A deterministic Terraform file of about `targetBytes` bytes (see generate-terraform.mjs). */
export declare function generateTerraform(targetBytes: number): string;
