import { Card, EmptyState } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';

/** A section whose screens are not built yet: says honestly what it will hold. */
export function ComingSection({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card withBorder radius="md" p="xl">
        <EmptyState
          icon={<IconTools size={32} />}
          withIndicatorBackground
          title={`La sezione ${title} è in preparazione`}
          description={description}
        />
      </Card>
    </>
  );
}
