-- CreateIndex
CREATE INDEX "TagDigest_registryId_repository_tag_idx" ON "TagDigest"("registryId", "repository", "tag");

