/**
 * The plan header's history and export actions: "History" opens the panel; "Export" downloads the
 * live plan as Markdown or opens its printable page (the browser's Save as PDF makes the file).
 */
import { Button, Group, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileExport, IconHistory, IconPrinter } from '@tabler/icons-react';
import { usePlan } from '../plan/PlanContext.tsx';
import { paths } from '../lib/router.tsx';
import { markdownUrl } from './api.ts';
import { useHistoryUi } from './HistoryContext.tsx';

export function PlanActions() {
  const { rel } = usePlan();
  const history = useHistoryUi();
  return (
    <Group gap="xs" wrap="nowrap" data-testid="plan-actions">
      <Button
        variant="default"
        size="sm"
        leftSection={<IconHistory size={16} />}
        onClick={() => history.open()}
        data-testid="open-history"
        aria-haspopup="dialog"
      >
        History
      </Button>
      <Menu position="bottom-end" width={230} shadow="md" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconFileExport size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="export-menu"
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>The plan as it is now</Menu.Label>
          <Menu.Item
            component="a"
            href={markdownUrl(rel.id, 'current')}
            download
            leftSection={<IconDownload size={16} />}
            data-testid="export-markdown"
          >
            Download Markdown
          </Menu.Item>
          <Menu.Item
            component="a"
            href={paths.print(rel.id, 'current')}
            target="_blank"
            rel="noopener"
            leftSection={<IconPrinter size={16} />}
            data-testid="export-print"
          >
            Print / Save as PDF
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
